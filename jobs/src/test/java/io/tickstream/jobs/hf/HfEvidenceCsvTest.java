package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.signal.IqBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-method evidence CSVs of the HF job graph (seeds/001, DOMAIN.md §1.8) on a Flink MiniCluster. */
class HfEvidenceCsvTest {
  static final HfScenario SCENARIO = HfTimingJobTest.SCENARIO;

  @TempDir
  Path tmp;

  @Test
  void oneRowPerAnalysedMinuteAndRerunLeavesFilesUntouched() throws Exception {
    List<IqBlock> blocks = SCENARIO.blocks();
    HfJobConfig config = SCENARIO.config("v1", false, true);
    HfTimingJobTest.run(blocks, config, tmp, null, RuntimeExecutionMode.BATCH);

    String day = "20250615";
    for (String channel : List.of("WWV_10_MHz", "WWV_15_MHz")) {
      Path dir = ClockOffsetFileSink.seriesDir(tmp, channel, "v1");
      for (String method : List.of("station_id", "ticks", "doppler")) {
        Path f = dir.resolve(channel + "_" + method + "_" + day + ".csv");
        assertTrue(Files.isRegularFile(f), "missing " + f);
        List<String> lines = Files.readAllLines(f);
        System.out.println(f.getFileName() + "\n" + String.join("\n", lines));
        assertEquals(String.join(",", MinuteEvidenceCsv.COLUMNS.get(method)), lines.get(0), f + " header");
        assertEquals(SCENARIO.minutes + 1, lines.size(), "one row per analysed minute in " + f);
        for (int k = 1; k < lines.size(); k++) {
          String[] cells = lines.get(k).split(",", -1);
          assertEquals(MinuteEvidenceCsv.COLUMNS.get(method).size(), cells.length, "cells of " + lines.get(k));
          assertEquals(Instant.ofEpochSecond((HfScenario.START_NS / 1_000_000_000L) + 60L * (k - 1)),
              Instant.parse(cells[0]), "minute of row " + k + " in " + f);
        }
      }
      // the simulated signal is WWV only: its ticks are measured, and far above WWVH's
      for (String row : Files.readAllLines(dir.resolve(channel + "_ticks_" + day + ".csv")).subList(1,
          SCENARIO.minutes + 1)) {
        String[] c = row.split(",", -1);
        assertFalse(c[1].isEmpty(), "WWV tick SNR in " + row);
        assertTrue(c[3].isEmpty() || Double.parseDouble(c[3]) > 3, "WWV over WWVH ratio in " + row);
      }
      assertFalse(Files.exists(dir.resolve(channel + "_test_signal_" + day + ".csv")),
          "no test signal CSV outside the scheduled minutes 8 and 44");
    }

    Map<Path, byte[]> before = new HashMap<>();
    Map<Path, FileTime> times = new HashMap<>();
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    for (Path f : evidenceFiles()) {
      before.put(f, Files.readAllBytes(f));
      Files.setLastModifiedTime(f, old);
      times.put(f, Files.getLastModifiedTime(f));
    }
    HfTimingJobTest.run(blocks, config, tmp, null, RuntimeExecutionMode.BATCH);
    assertEquals(before.keySet().stream().sorted().toList(), evidenceFiles().stream().sorted().toList());
    for (Path f : evidenceFiles()) {
      assertArrayEquals(before.get(f), Files.readAllBytes(f), "rerun changed " + f);
      assertEquals(times.get(f), Files.getLastModifiedTime(f), "rerun rewrote unchanged " + f);
    }

    // a version whose file lost a row gets it back, the other rows unchanged
    Path ticks = ClockOffsetFileSink.seriesDir(tmp, "WWV_10_MHz", "v1").resolve("WWV_10_MHz_ticks_" + day + ".csv");
    List<String> full = Files.readAllLines(ticks);
    Files.write(ticks, full.subList(0, full.size() - 1));
    HfTimingJobTest.run(blocks, config, tmp, null, RuntimeExecutionMode.BATCH);
    assertEquals(full, Files.readAllLines(ticks));
  }

  private List<Path> evidenceFiles() throws Exception {
    try (Stream<Path> s = Files.walk(tmp.resolve("clock_offset"))) {
      return s.filter(p -> p.getFileName().toString().matches(".*_(station_id|ticks|doppler|test_signal)_\\d{8}\\.csv"))
          .toList();
    }
  }
}

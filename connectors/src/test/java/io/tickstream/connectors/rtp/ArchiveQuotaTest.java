package io.tickstream.connectors.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveQuotaTest {

  private static Path file(Path ch, String hour, String name, int size) throws Exception {
    Path d = Files.createDirectories(ch.resolve(hour));
    return Files.write(d.resolve(name), new byte[size]);
  }

  @Test
  void prunesOldestFinishedFilesToNinetyFivePercentAndNothingElse(@TempDir Path ch) throws Exception {
    Path a = file(ch, "2024-06-01T00-00-00", "rf@1717200000.000.h5", 1000);
    Path b = file(ch, "2024-06-01T00-00-00", "rf@1717203540.000.h5", 1000);
    Path c = file(ch, "2024-06-01T01-00-00", "rf@1717203600.000.h5", 1000);
    Path d = file(ch, "2024-06-01T01-00-00", "rf@1717203660.000.h5", 1000);
    Path tmp = file(ch, "2024-06-01T01-00-00", "tmp.rf@1717203720.000.h5", 5000);
    Path props = Files.write(ch.resolve("drf_properties.h5"), new byte[10]);
    Path md = file(ch, "metadata", "raw_archive_metadata@1717200000.h5", 9000);

    assertTrue(ArchiveQuota.prune(ch, 0).isEmpty(), "quota 0 = off");
    assertTrue(ArchiveQuota.prune(ch, 4000).isEmpty(), "within quota");
    List<Path> gone = ArchiveQuota.prune(ch, 2500); // 4000 > 2500 → down to ≤ 2375
    assertEquals(List.of(a, b), gone);
    assertFalse(Files.exists(ch.resolve("2024-06-01T00-00-00")), "empty hour directory removed");
    for (Path kept : List.of(c, d, tmp, props, md)) {
      assertTrue(Files.exists(kept), kept.toString());
    }
    assertEquals(List.of(c), ArchiveQuota.prune(ch, 100), "the newest file is never deleted");
    assertTrue(Files.exists(d));
  }
}

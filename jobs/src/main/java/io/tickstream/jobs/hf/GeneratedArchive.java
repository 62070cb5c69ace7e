package io.tickstream.jobs.hf;

import io.tickstream.connectors.drf.DigitalMetadataWriter;
import io.tickstream.connectors.drf.DigitalRfWriter;
import io.tickstream.connectors.drf.DrfWriterOptions;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.StationProgram;
import io.tickstream.core.signal.IqBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 1 style Digital RF archives of generated WWV IQ (benchmarks, tests, demos): one gapped
 * Digital RF channel per HF channel with 60 s files and a metadata record carrying
 * {@code frequency_hz} and {@code time_reference = system_time_only}.
 */
public final class GeneratedArchive {
  /** 2025-06-15 14:03 UTC. */
  public static final long DEFAULT_START_NS = 1_749_945_600_000_000_000L + (14 * 60 + 3) * 60_000_000_000L;
  private static final double[] WWV_MHZ = {5, 10, 15, 20};

  private GeneratedArchive() {}

  /** Writes {@code blocks} (any channels, time-ordered per channel) as an archive under {@code archive}. */
  public static void write(Path archive, List<IqBlock> blocks, Map<String, Double> frequenciesHz) {
    Map<String, DigitalRfWriter> writers = new HashMap<>();
    DrfWriterOptions opt = DrfWriterOptions.defaults().withCadences(3600, 60_000).withContinuous(false);
    try {
      for (IqBlock b : blocks) {
        writers.computeIfAbsent(b.channel(), ch -> {
          DigitalMetadataWriter.create(archive.resolve(ch).resolve("metadata"), 86_400, 3_600,
              b.sampleRateHz().numerator(), b.sampleRateHz().denominator(), "raw_archive_metadata")
              .write(b.firstSampleIndex(), Map.of("frequency_hz", frequenciesHz.get(ch),
                  "time_reference", "system_time_only"));
          return DigitalRfWriter.create(archive, ch, opt);
        }).write(b);
      }
    } finally {
      writers.values().forEach(DigitalRfWriter::close);
    }
  }

  /**
   * {@code channels} WWV channels (5, 10, 15, 20 MHz) of {@code minutes} minutes at {@code rateHz}, a
   * single path of 4 + channel ms, SNR 25 dB, receiver clock offset {@code dClockMs}.
   */
  public static Path wwv(Path archive, int channels, int minutes, int rateHz, double dClockMs) {
    if (channels < 1 || channels > WWV_MHZ.length) {
      throw new IllegalArgumentException("channels must be 1.." + WWV_MHZ.length);
    }
    HfSignalGenerator gen = new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.0, false, null));
    Map<String, Double> freqs = new HashMap<>();
    for (int c = 0; c < channels; c++) {
      String name = String.format("WWV_%d_MHz", (int) WWV_MHZ[c]);
      freqs.put(name, WWV_MHZ[c] * 1e6);
      var sc = new HfSignalGenerator.Scenario(List.of(HfSignalGenerator.Transmission.single(Station.WWV,
          4.0 + c, 1.0)), dClockMs, 25, c);
      List<IqBlock> blocks = new ArrayList<>();
      for (int m = 0; m < minutes; m++) {
        long t = DEFAULT_START_NS + m * 60_000_000_000L;
        blocks.add(gen.iqBlock(name, t / 1_000_000_000L * rateHz, rateHz, t, 60 * rateHz, sc));
      }
      write(archive, blocks, freqs);
    }
    return archive;
  }
}

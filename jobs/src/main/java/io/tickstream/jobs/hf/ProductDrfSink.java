package io.tickstream.jobs.hf;

import io.tickstream.connectors.drf.DigitalMetadataReader;
import io.tickstream.connectors.drf.DigitalMetadataWriter;
import io.tickstream.connectors.drf.DigitalRfSink;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.drf.DrfWriterOptions;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.signal.UtcDecimator;
import io.tickstream.core.time.Rational;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The Phase 3 product {@code DATA_DIR/processed/<version>/<CHANNEL>/} (seeds/003 §5.3): samples as
 * Digital RF through the drf connector's exactly-once {@link DigitalRfSink} (complex float32 at
 * 10 Hz, index = UTC·10, daily subdirectories, hourly files, gapped layout so minutes without D_clock
 * are absent; NaN, the Digital RF fill value, where input samples were missing), and this sink's
 * per-minute Digital Metadata records ({@code <CHANNEL>/metadata/}) with the provenance tags of
 * seeds/003 §5.4 and the D_clock applied with its uncertainty. A record at or before the last one on
 * disk is skipped (a replay after a failure writes identical values), so the metadata is idempotent.
 * Existing products of a version are never overwritten: {@link #existingEnds} gives where each
 * channel's product ends and the graph drops earlier minutes. Use parallelism 1.
 */
public final class ProductDrfSink implements Sink<ProductMinute> {
  private final String dataDir;
  private final HfJobConfig config;

  public ProductDrfSink(String dataDir, HfJobConfig config) {
    this.dataDir = dataDir;
    this.config = config;
  }

  /** Top directory of a version's product (one Digital RF channel per HF channel inside). */
  public static Path productDir(Path dataDir, String version) {
    return dataDir.resolve("processed").resolve(version);
  }

  static final DrfWriterOptions SAMPLE_OPTIONS =
      DrfWriterOptions.defaults().withCadences(86_400, 3_600_000).withContinuous(false);

  /** The exactly-once sink of the product samples of a version. */
  public static DigitalRfSink samplesSink(Path dataDir, String version) {
    return DigitalRfSink.of(productDir(dataDir, version), SAMPLE_OPTIONS);
  }

  /** The product minute's samples as a block of the 10 Hz UTC channel. */
  static IqBlock samples(ProductMinute p) {
    return IqBlock.ofFloat32(p.channel(), p.firstUtcIndex(), Rational.of(UtcDecimator.OUTPUT_RATE_HZ),
        p.firstUtcIndex() * (1_000_000_000L / UtcDecimator.OUTPUT_RATE_HZ), true, p.iq(), 0);
  }

  /** Per channel, the UTC index after the last sample already in the version's product (absent: none). */
  public static Map<String, Long> existingEnds(Path dataDir, String version, Iterable<String> channels) {
    Map<String, Long> out = new HashMap<>();
    for (String ch : channels) {
      Path dir = productDir(dataDir, version).resolve(ch);
      if (Files.isRegularFile(dir.resolve(DrfChannelReader.PROPERTIES_FILE))) {
        try (DrfChannelReader r = DrfChannelReader.open(dir)) {
          r.bounds().ifPresent(b -> out.put(ch, b[1] + 1));
        }
      }
    }
    return out;
  }

  @Override
  public SinkWriter<ProductMinute> createWriter(WriterInitContext context) {
    return new Writer();
  }

  private static final class Channel {
    DigitalMetadataWriter meta;
    long lastRecord = Long.MIN_VALUE;
  }

  private final class Writer implements SinkWriter<ProductMinute> {
    private final Map<String, Channel> channels = new HashMap<>();

    private Channel channel(ProductMinute p) {
      return channels.computeIfAbsent(p.channel(), name -> {
        Path md = productDir(Path.of(dataDir), config.version()).resolve(name).resolve("metadata");
        Channel c = new Channel();
        if (Files.isRegularFile(md.resolve(DigitalMetadataReader.PROPERTIES_FILE))) {
          c.lastRecord = DigitalMetadataReader.open(md).bounds().map(b -> b[1]).orElse(Long.MIN_VALUE);
        }
        c.meta = DigitalMetadataWriter.create(md, 86_400, 3_600, UtcDecimator.OUTPUT_RATE_HZ, 1, "metadata");
        return c;
      });
    }

    @Override
    public void write(ProductMinute p, Context context) {
      Channel c = channel(p);
      long first = p.firstUtcIndex();
      if (first <= c.lastRecord) {
        return; // written before a restart (same values)
      }
      Map<String, Object> md = new LinkedHashMap<>();
      md.put("product_type", "corrected_10hz_iq");
      md.put("phase", "phase3_aligned");
      md.put("time_reference", "utc_nist_corrected");
      md.put("clock_offset_applied", true);
      md.put("source_archive_type", "raw_20khz_iq");
      md.put("decimation_factor", decimation(p));
      md.put("channel_name", p.channel());
      md.put("frequency_hz", p.frequencyHz());
      md.put("receiver", config.receiver());
      md.put("grid_square", config.receiverGrid());
      md.put("version", config.version());
      md.put("system_minute_ns", p.minuteStartSystemNs());
      md.put("d_clock_ms", p.dClockMs());
      md.put("d_clock_uncertainty_ms", p.uncertaintyMs());
      md.put("completeness", p.completeness());
      md.put("zero_lag_filter", true);
      c.meta.write(first, md);
      c.lastRecord = first;
    }

    private long decimation(ProductMinute p) {
      return p.inputSampleRateHz() / UtcDecimator.OUTPUT_RATE_HZ;
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public void close() {}
  }
}

package io.tickstream.jobs.hf;

import io.tickstream.connectors.drf.DigitalMetadataWriter;
import io.tickstream.connectors.drf.DigitalRfWriter;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.drf.DrfDtype;
import io.tickstream.connectors.drf.DrfFormat;
import io.tickstream.connectors.drf.DrfSamples;
import io.tickstream.connectors.drf.DrfWriterOptions;
import io.tickstream.core.signal.UtcDecimator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the Phase 3 product {@code DATA_DIR/processed/<version>/<CHANNEL>/} as Digital RF:
 * complex float32 at 10 Hz, sample index = UTC·10 (seeds/003 §5.3; daily subdirectories, hourly
 * files, gapped layout so minutes without D_clock are absent), NaN (the Digital RF fill value) where
 * input samples are missing. Every minute gets a Digital
 * Metadata record ({@code metadata/}) with the provenance tags of seeds/003 §5.4 and the D_clock
 * applied with its uncertainty. Existing products of the version are never overwritten: minutes at
 * or before the channel's last stored sample are skipped (logged). Use parallelism 1.
 */
public final class ProductDrfSink implements Sink<ProductMinute> {
  private static final Logger LOG = LoggerFactory.getLogger(ProductDrfSink.class);
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

  @Override
  public SinkWriter<ProductMinute> createWriter(WriterInitContext context) {
    return new Writer();
  }

  private static final class Channel {
    DigitalRfWriter rf;
    DigitalMetadataWriter meta;
    long nextIndex;
  }

  private final class Writer implements SinkWriter<ProductMinute> {
    private final Map<String, Channel> channels = new HashMap<>();

    private Channel channel(ProductMinute p) {
      return channels.computeIfAbsent(p.channel(), name -> {
        Path top = productDir(Path.of(dataDir), config.version());
        Channel c = new Channel();
        c.nextIndex = Long.MIN_VALUE;
        Path dir = top.resolve(name);
        if (Files.isRegularFile(dir.resolve(DrfChannelReader.PROPERTIES_FILE))) {
          try (DrfChannelReader r = DrfChannelReader.open(dir)) {
            c.nextIndex = r.bounds().map(b -> b[1] + 1).orElse(Long.MIN_VALUE);
          }
        }
        DrfFormat f = new DrfFormat(DrfDtype.FLOAT32, UtcDecimator.OUTPUT_RATE_HZ, 1, true, 1);
        c.rf = DigitalRfWriter.create(top, name, DrfWriterOptions.defaults().withCadences(86_400, 3_600_000).withContinuous(false), f);
        c.meta = DigitalMetadataWriter.create(dir.resolve("metadata"), 86_400, 3_600, UtcDecimator.OUTPUT_RATE_HZ, 1,
            "metadata");
        return c;
      });
    }

    @Override
    public void write(ProductMinute p, Context context) {
      Channel c = channel(p);
      long first = p.firstUtcIndex();
      if (first < c.nextIndex) {
        LOG.info("channel {}: product minute at UTC index {} already present in version {}; kept the existing one",
            p.channel(), first, config.version());
        return;
      }
      c.rf.write(DrfSamples.ofFloats(first, true, 1, p.iq()));
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
      c.nextIndex = first + p.numSamples();
    }

    private long decimation(ProductMinute p) {
      return p.inputSampleRateHz() / UtcDecimator.OUTPUT_RATE_HZ;
    }

    @Override
    public void flush(boolean endOfInput) {
      if (endOfInput) {
        for (Channel c : channels.values()) {
          c.rf.close();
        }
      }
    }

    @Override
    public void close() {
      for (Channel c : channels.values()) {
        c.rf.close();
      }
    }
  }
}

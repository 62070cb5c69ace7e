package io.tickstream.jobs.hf.psws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tickstream.connectors.drf.DigitalMetadataWriter;
import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DigitalRfWriter;
import io.tickstream.connectors.drf.DrfBlock;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.drf.DrfDtype;
import io.tickstream.connectors.drf.DrfFormat;
import io.tickstream.connectors.drf.DrfSamples;
import io.tickstream.connectors.drf.DrfWriterOptions;
import io.tickstream.connectors.rtp.ChannelDeclaration;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.core.hf.clock.GeoPoint;
import io.tickstream.core.hf.clock.Maidenhead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PSWS daily package (DOMAIN.md §1.12, §4.1): one UTC day of the 10 Hz product
 * {@code DATA_DIR/processed/<version>/<CHANNEL>/} repacked as the Grape layout PSWS ingests,
 * {@code <out>/<CALL>_<GRID>/<RX>@<STATION_ID>_<INSTRUMENT_ID>/OBS<YYYY-MM-DD>T00-00/ch0}:
 *
 * <ul>
 *   <li>Digital RF, complex float32, 10 Hz, one subchannel per processed channel in frequency
 *       order, continuous contiguous layout, start index = day start (s) × 10, exactly 864,000
 *       samples, subdir cadence 86400 s, file cadence 3,600,000 ms, no compression or checksum;
 *   <li>samples the product lacks are NaN (the float fill value), never zeros — unlike the
 *       reference packager, whose zero pre-fill makes a missing minute look like silence;
 *   <li>Digital Metadata in {@code ch0/metadata} (cadence 86400/86400 s, prefix {@code metadata}),
 *       one record at the start index: {@code callsign, grid_square, receiver_name, lat, long,
 *       center_frequencies, uuid_str}. {@code lat}/{@code long} are the Maidenhead cell centre as
 *       HDF5 F32 ({@code np.single}, as DOMAIN.md §4.1's packager writes them), the frequencies F64.
 *       {@code center_frequencies} are in <b>MHz</b>: DOMAIN.md §4.3 records MHz in the Grape 1 /
 *       wsprdaemon and Grape 2 files that make up the PSWS archive, and the readers there
 *       ({@code HamSCI/DRF_processing}) take the values as written; only the newer
 *       grape-recorder/hf-timestd packager (§1.12) writes Hz. {@code uuid_str} is the PSWS station id;
 *   <li>{@code gap_summary.json} beside {@code ch0}: per channel and overall, samples present out of
 *       864,000 and minutes complete/partial/missing out of 1440.
 * </ul>
 */
public final class PswsPackager {
  private static final Logger LOG = LoggerFactory.getLogger(PswsPackager.class);

  public static final long RATE_HZ = 10;
  public static final int SAMPLES_PER_DAY = 86_400 * (int) RATE_HZ;
  public static final int SAMPLES_PER_MINUTE = 60 * (int) RATE_HZ;

  private PswsPackager() {}

  /** One packaged channel: its product name, frequency and completeness. */
  public record ChannelSummary(String channel, double frequencyHz, int subchannel, long samplesPresent,
      int minutesComplete, int minutesPartial, int minutesMissing, double completenessPercent) {}

  /** What was written. */
  public record Result(Path obsDirectory, long startIndex, List<ChannelSummary> channels, double completenessPercent) {}

  /** The dataset directory {@code <out>/<CALL>_<GRID>/<RX>@<ID>_<N>/OBS<date>T00-00} (§4.1). */
  public static Path obsDirectory(Path out, StationConfig station, LocalDate date) {
    require(station.pswsStationId(), "psws_station_id");
    require(station.pswsInstrumentId(), "psws_instrument_id");
    return out.resolve(station.callsign().replace('/', '=') + "_" + station.gridSquare())
        .resolve(station.receiverName() + "@" + station.pswsStationId() + "_" + station.pswsInstrumentId())
        .resolve("OBS" + date + "T00-00");
  }

  /**
   * Packages {@code date} of {@code DATA_DIR/processed/<version>/} into {@code out}. Every channel
   * of the version is included; its frequency comes from the station config's channel of the same name.
   *
   * @throws IllegalArgumentException for a missing version, a channel not in the config or not a
   *     10 Hz complex float32 product, or an already existing package (never overwritten)
   */
  public static Result packageDay(Path dataDir, String version, LocalDate date, StationConfig station, Path out) {
    Path product = dataDir.resolve("processed").resolve(version);
    if (!Files.isDirectory(product)) {
      throw new IllegalArgumentException("no processed product version '" + version + "' at " + product);
    }
    List<String> names = DigitalRfReader.channels(product);
    if (names.isEmpty()) {
      throw new IllegalArgumentException(product + ": no Digital RF channels");
    }
    List<ChannelDeclaration> decls = new ArrayList<>();
    for (String n : names) {
      ChannelDeclaration d = station.channel(n);
      if (d == null) {
        throw new IllegalArgumentException("processed channel " + n + " in " + product
            + " is not declared in the station config ([[channels]] name = \"" + n + "\"), so its frequency is unknown");
      }
      decls.add(d);
    }
    decls.sort(Comparator.comparingDouble(ChannelDeclaration::frequencyHz).thenComparing(ChannelDeclaration::name));
    Path obs = obsDirectory(out, station, date);
    if (Files.exists(obs.resolve("ch0"))) {
      throw new IllegalArgumentException("package already exists, not overwritten: " + obs.resolve("ch0"));
    }
    long startIndex = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * RATE_HZ;
    int n = decls.size();
    float[] iq = new float[SAMPLES_PER_DAY * 2 * n];
    Arrays.fill(iq, Float.NaN);
    List<ChannelSummary> summaries = new ArrayList<>();
    long presentAll = 0;
    for (int c = 0; c < n; c++) {
      ChannelDeclaration d = decls.get(c);
      boolean[] present = copyChannel(product, d.name(), startIndex, c, n, iq);
      summaries.add(summarize(d, c, present));
      presentAll += summaries.get(c).samplesPresent();
    }
    try {
      Files.createDirectories(obs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + obs, e);
    }
    DrfWriterOptions options = DrfWriterOptions.defaults().withCadences(86_400, 3_600_000)
        .withContinuous(true).withCompression(0).withChecksum(false);
    try (DigitalRfWriter w = DigitalRfWriter.create(obs, "ch0", options,
        new DrfFormat(DrfDtype.FLOAT32, RATE_HZ, 1, true, n))) {
      w.write(DrfSamples.ofFloats(startIndex, true, n, iq));
    }
    DigitalMetadataWriter.create(obs.resolve("ch0").resolve("metadata"), 86_400, 86_400, RATE_HZ, 1, "metadata")
        .write(startIndex, metadata(station, decls));
    double pct = 100.0 * presentAll / ((double) SAMPLES_PER_DAY * n);
    Result result = new Result(obs, startIndex, List.copyOf(summaries), pct);
    writeGapSummary(obs.resolve("gap_summary.json"), date, version, result);
    LOG.info("PSWS package {} for {}: {} channels, {}% complete, written to {}", version, date, n,
        String.format(java.util.Locale.ROOT, "%.2f", pct), obs);
    return result;
  }

  /** Copies the day's stored, non-fill samples of one product channel into subchannel {@code c}. */
  private static boolean[] copyChannel(Path product, String name, long startIndex, int c, int n, float[] iq) {
    boolean[] present = new boolean[SAMPLES_PER_DAY];
    long end = startIndex + SAMPLES_PER_DAY;
    try (DrfChannelReader r = DigitalRfReader.channel(product, name)) {
      DrfFormat f = DrfFormat.of(r.properties());
      if (!f.dtype().isFloat() || f.dtype().sizeBytes() != 4 || !f.complex() || f.numSubchannels() != 1
          || f.rateNumerator() != RATE_HZ * f.rateDenominator()) {
        throw new IllegalArgumentException(product.resolve(name) + " is not a 10 Hz complex float32 product: " + f);
      }
      for (DrfBlock b : r.dataBlocks(startIndex, end)) {
        float[] v = r.read(b.start(), Math.toIntExact(b.count())).toFloats();
        int off = (int) (b.start() - startIndex);
        for (int k = 0; k < b.count(); k++) {
          int i = off + k;
          float re = v[2 * k];
          float im = v[2 * k + 1];
          iq[(i * n + c) * 2] = re;
          iq[(i * n + c) * 2 + 1] = im;
          present[i] = !(Float.isNaN(re) && Float.isNaN(im));
        }
      }
    }
    return present;
  }

  private static ChannelSummary summarize(ChannelDeclaration d, int c, boolean[] present) {
    long total = 0;
    int complete = 0;
    int partial = 0;
    for (int m = 0; m < 1440; m++) {
      int k = 0;
      for (int s = m * SAMPLES_PER_MINUTE; s < (m + 1) * SAMPLES_PER_MINUTE; s++) {
        k += present[s] ? 1 : 0;
      }
      total += k;
      if (k == SAMPLES_PER_MINUTE) {
        complete++;
      } else if (k > 0) {
        partial++;
      }
    }
    return new ChannelSummary(d.name(), d.frequencyHz(), c, total, complete, partial, 1440 - complete - partial,
        100.0 * total / SAMPLES_PER_DAY);
  }

  /** The metadata record (§4.1/§4.3 keys). */
  static Map<String, Object> metadata(StationConfig station, List<ChannelDeclaration> decls) {
    GeoPoint p = Maidenhead.toPoint(station.gridSquare());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("callsign", station.callsign());
    m.put("grid_square", station.gridSquare());
    m.put("receiver_name", station.receiverName());
    m.put("lat", (float) p.latDeg());
    m.put("long", (float) p.lonDeg());
    m.put("center_frequencies", decls.stream().mapToDouble(d -> d.frequencyHz() / 1e6).toArray());
    m.put("uuid_str", station.pswsStationId());
    return m;
  }

  private static void writeGapSummary(Path file, LocalDate date, String version, Result r) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("date", date.toString());
    j.put("version", version);
    j.put("start_index", r.startIndex());
    j.put("sample_rate_hz", RATE_HZ);
    j.put("samples_expected_per_channel", SAMPLES_PER_DAY);
    j.put("completeness_percent", r.completenessPercent());
    List<Map<String, Object>> chans = new ArrayList<>();
    for (ChannelSummary s : r.channels()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("channel", s.channel());
      c.put("subchannel", s.subchannel());
      c.put("frequency_hz", s.frequencyHz());
      c.put("samples_present", s.samplesPresent());
      c.put("minutes_complete", s.minutesComplete());
      c.put("minutes_partial", s.minutesPartial());
      c.put("minutes_missing", s.minutesMissing());
      c.put("completeness_percent", s.completenessPercent());
      chans.add(c);
    }
    j.put("channels", chans);
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), j);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void require(String v, String key) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("station config [station] " + key + " is required for a PSWS package");
    }
  }
}

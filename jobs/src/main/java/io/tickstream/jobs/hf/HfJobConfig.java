package io.tickstream.jobs.hf;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parameters of the HF timing job graph (issue 7), identical for live and bounded runs.
 *
 * @param receiver receiver name (key of the {@code clock_offset} rows and of fusion)
 * @param receiverGrid Maidenhead locator of the receiver (propagation geometry)
 * @param version output version (directories and rows); reprocessing writes a new one beside the old
 * @param channelFrequenciesHz carrier frequency of each channel name
 * @param marginS samples kept before and after each system-time minute (analysis context and the
 *     Phase 3 decimator's filter support)
 * @param latenessMs bounded out-of-orderness of IQ blocks (watermark lag)
 * @param minCompleteness minutes with a smaller present fraction are not analysed (Phase 3 still
 *     writes them, as NaN where samples are missing)
 * @param phase3 also produce the 10 Hz UTC product
 * @param bounded the input is bounded and per-channel time-ordered (BATCH reprocessing): a minute is
 *     closed as soon as a later block arrives, and Phase 3 finds all D_clock values before its input
 * @param processedAt {@code processed_at} of this run's file rows (fixed per run so restarts write
 *     identical files)
 * @param productResumeIndex per channel, the first 10 Hz UTC index not yet in this version's product
 *     (earlier minutes are not written again: a version is completed, never overwritten)
 * @param testSignalTemplate path of the HamSCI test-signal template (48 kHz s16le, ka9q/wwvsim
 *     {@code test.raw}) that the minute analysis correlates in the test minutes (WWV 8, WWVH 44), or
 *     {@code null}: test minutes are then analysed without it (no test-signal evidence)
 */
public record HfJobConfig(String receiver, String receiverGrid, String version,
    Map<String, Double> channelFrequenciesHz, double marginS, long latenessMs, double minCompleteness,
    boolean phase3, boolean bounded, Instant processedAt, Map<String, Long> productResumeIndex,
    String testSignalTemplate)
    implements Serializable {

  /** Channel name of the fused per-receiver series (seeds/003 §4.6 directory {@code FUSED}). */
  public static final String FUSED = "FUSED";

  public HfJobConfig {
    channelFrequenciesHz = Map.copyOf(new TreeMap<>(channelFrequenciesHz));
    productResumeIndex = productResumeIndex == null ? Map.of() : Map.copyOf(productResumeIndex);
    if (channelFrequenciesHz.isEmpty()) {
      throw new IllegalArgumentException("no channels configured");
    }
    if (!version.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("version must be letters, digits, '.', '_' or '-': '" + version + "'");
    }
    if (marginS < 0 || marginS > 10) {
      throw new IllegalArgumentException("margin must be 0..10 s, got " + marginS);
    }
  }

  /** Without a test-signal template. */
  public HfJobConfig(String receiver, String receiverGrid, String version, Map<String, Double> channelFrequenciesHz,
      double marginS, long latenessMs, double minCompleteness, boolean phase3, boolean bounded, Instant processedAt,
      Map<String, Long> productResumeIndex) {
    this(receiver, receiverGrid, version, channelFrequenciesHz, marginS, latenessMs, minCompleteness, phase3, bounded,
        processedAt, productResumeIndex, null);
  }

  /** The same configuration analysing test minutes with the template at {@code path} (null: without). */
  public HfJobConfig withTestSignalTemplate(String path) {
    return new HfJobConfig(receiver, receiverGrid, version, channelFrequenciesHz, marginS, latenessMs, minCompleteness,
        phase3, bounded, processedAt, productResumeIndex, path);
  }

  /** Defaults: 2.5 s margins (covers the decimator's ±1.7 s support), 2 s lateness, 50 % completeness. */
  public static HfJobConfig of(String receiver, String grid, String version, Map<String, Double> channels,
      boolean phase3, boolean bounded) {
    return new HfJobConfig(receiver, grid, version, channels, 2.5, 2000, 0.5, phase3, bounded,
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Map.of());
  }

  /** The same configuration continuing a version's product after {@code resume} (see {@link ProductDrfSink#existingEnds}). */
  public HfJobConfig withProductResume(Map<String, Long> resume) {
    return new HfJobConfig(receiver, receiverGrid, version, channelFrequenciesHz, marginS, latenessMs, minCompleteness,
        phase3, bounded, processedAt, resume, testSignalTemplate);
  }

  public double frequencyHz(String channel) {
    Double f = channelFrequenciesHz.get(channel);
    if (f == null) {
      throw new IllegalArgumentException("channel '" + channel + "' is not configured (known: "
          + channelFrequenciesHz.keySet() + ")");
    }
    return f;
  }
}

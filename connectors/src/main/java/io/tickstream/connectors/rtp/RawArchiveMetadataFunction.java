package io.tickstream.connectors.rtp;

import io.tickstream.connectors.drf.DigitalMetadataReader;
import io.tickstream.connectors.drf.DigitalMetadataWriter;
import io.tickstream.core.signal.IqBlock;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 1 bookkeeping between the RTP source and the Digital RF sink: passes every block's
 * {@link IqBlock} on, and writes the archive's Digital Metadata ({@link RawArchiveMetadata}: session
 * start and one record per gap event) under {@code <raw_archive>/<channel>/metadata/}.
 *
 * <p>Exactly once with checkpointing: records are held in operator state and written only when the
 * checkpoint covering their block completes (the same moment the sink commits the data files), so a
 * failure never leaves metadata for samples that were rolled back; a record restored from state is
 * skipped if it is already on disk. Without checkpointing records are written at once (the sink then
 * commits its files only at the end of input). Also runs the
 * per-channel disk quota ({@link ArchiveQuota}) at most once a minute.
 */
public class RawArchiveMetadataFunction extends ProcessFunction<RtpBlock, IqBlock>
    implements CheckpointedFunction, CheckpointListener {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RawArchiveMetadataFunction.class);
  private static final long QUOTA_INTERVAL_NS = 60_000_000_000L;

  private record Rec(String channel, long sample, long rateNum, long rateDen, LinkedHashMap<String, Object> values)
      implements Serializable {}

  private final RawArchiveSettings settings;
  private final RawArchiveMetadata metadata;
  private final boolean writeOnCheckpoint;
  private transient Map<String, DigitalMetadataWriter> writers;
  private transient Map<String, Long> lastWritten;
  private transient List<Rec> current;
  private transient TreeMap<Long, List<Rec>> byCheckpoint;
  private transient ListState<byte[]> state;
  private transient long lastQuotaNs;
  private transient long recordsWritten;
  private transient long pruned;
  private transient Map<String, Long> resumeIndex;
  private transient long droppedBeforeResume;

  /**
   * @param writeOnCheckpoint true when the job checkpoints (records wait for their checkpoint to
   *     complete); false writes records at once
   */
  public RawArchiveMetadataFunction(RawArchiveSettings settings, boolean writeOnCheckpoint) {
    this.settings = settings;
    this.writeOnCheckpoint = writeOnCheckpoint;
    this.metadata = new RawArchiveMetadata(settings);
  }

  private void initTransients() {
    if (writers == null) {
      writers = new HashMap<>();
      lastWritten = new HashMap<>();
      resumeIndex = new HashMap<>();
      current = new ArrayList<>();
      byCheckpoint = new TreeMap<>();
    }
  }

  @Override
  public void processElement(RtpBlock in, Context ctx, Collector<IqBlock> out) throws Exception {
    initTransients();
    RtpBlock b = afterFinishedFiles(in);
    if (b == null) {
      return;
    }
    out.collect(b.iq());
    Map<String, Object> m = metadata.recordFor(b, RtpReceiver.systemNowNs());
    if (m != null) {
      Rec r = new Rec(b.channel(), b.iq().firstSampleIndex(), b.iq().sampleRateHz().numerator(),
          b.iq().sampleRateHz().denominator(), new LinkedHashMap<>(m));
      if (checkpointing()) {
        current.add(r);
      } else {
        write(r);
      }
    }
    if (!checkpointing()) {
      maybeQuota();
    }
  }

  /**
   * A new recording process may start inside the period of a data file a previous process finished;
   * Digital RF never reopens a finished file (DOMAIN.md §1.9: grape skips to the next minute), so
   * samples before the end of the last finished file's period are dropped (counted and logged) and
   * the first kept block starts a new metadata session.
   */
  private RtpBlock afterFinishedFiles(RtpBlock b) throws IOException {
    Long resume = resumeIndex.get(b.channel());
    if (resume == null) {
      resume = ArchiveQuota.endOfFinishedFiles(settings.top().resolve(b.channel()), settings.fileCadenceMs(),
          b.iq().sampleRateHz());
      resumeIndex.put(b.channel(), resume);
      if (resume > Long.MIN_VALUE) {
        LOG.info("{}: archive has finished files up to sample {}; earlier samples of this run are not written",
            b.channel(), resume);
      }
    }
    if (b.iq().firstSampleIndex() >= resume) {
      return b;
    }
    if (b.iq().endSampleIndex() <= resume) {
      droppedBeforeResume += b.iq().numSamples();
      return null;
    }
    int skip = (int) (resume - b.iq().firstSampleIndex());
    droppedBeforeResume += skip;
    IqBlock iq = b.iq();
    int c = iq.complex() ? 2 : 1;
    IqBlock sliced = iq.int16() != null
        ? IqBlock.ofInt16(iq.channel(), resume, iq.sampleRateHz(), iq.sampleRateHz().timeNsOfIndexFloor(resume),
            iq.complex(), java.util.Arrays.copyOfRange(iq.int16(), skip * c, iq.int16().length), 0)
        : IqBlock.ofFloat32(iq.channel(), resume, iq.sampleRateHz(), iq.sampleRateHz().timeNsOfIndexFloor(resume),
            iq.complex(), java.util.Arrays.copyOfRange(iq.float32(), skip * c, iq.float32().length), 0);
    LOG.info("{}: dropped {} samples inside finished files' periods; recording resumes at sample {}", b.channel(),
        droppedBeforeResume, resume);
    return new RtpBlock(sliced, b.ssrc(), b.frequencyHz(), b.encoding(), b.rtpTimestamp() + skip, b.sequence(),
        GapCause.NONE, 0, b.anchor(), true, b.synthetic(), b.arrivalNs());
  }

  private boolean checkpointing() {
    return writeOnCheckpoint;
  }

  private void write(Rec r) {
    DigitalMetadataWriter w = writers.get(r.channel());
    Path dir = settings.top().resolve(r.channel()).resolve("metadata");
    if (w == null) {
      w = DigitalMetadataWriter.create(dir, RawArchiveSettings.SUBDIR_CADENCE_SECS,
          RawArchiveSettings.METADATA_FILE_CADENCE_SECS, r.rateNum(), r.rateDen(), RawArchiveSettings.METADATA_FILE_NAME);
      writers.put(r.channel(), w);
      long last = Long.MIN_VALUE;
      if (Files.isDirectory(dir)) {
        last = DigitalMetadataReader.open(dir).bounds().map(x -> x[1]).orElse(Long.MIN_VALUE);
      }
      lastWritten.put(r.channel(), last);
    }
    if (r.sample() <= lastWritten.get(r.channel())) {
      LOG.debug("metadata at {} of {} already written", r.sample(), r.channel());
      return;
    }
    w.write(r.sample(), r.values());
    lastWritten.put(r.channel(), r.sample());
    recordsWritten++;
    if ("gap".equals(r.values().get("event_type"))) {
      LOG.info("{}: gap of {} samples ({}) before sample {} recorded in metadata", r.channel(),
          r.values().get("gap_samples"), r.values().get("gap_cause"), r.sample());
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    initTransients();
    byCheckpoint.put(ctx.getCheckpointId(), current);
    current = new ArrayList<>();
    List<byte[]> all = new ArrayList<>();
    for (List<Rec> l : byCheckpoint.values()) {
      for (Rec r : l) {
        all.add(RtpSplit.toBytes(r));
      }
    }
    state.update(all);
  }

  @Override
  public void initializeState(FunctionInitializationContext ctx) throws Exception {
    initTransients();
    state = ctx.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("raw-archive-metadata", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    if (ctx.isRestored()) {
      List<Rec> restored = new ArrayList<>();
      for (byte[] b : state.get()) {
        restored.add((Rec) RtpSplit.fromBytes(b));
      }
      byCheckpoint.put(Long.MIN_VALUE, restored);
      LOG.info("restored {} metadata records awaiting a completed checkpoint", restored.size());
    }
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    initTransients();
    var done = byCheckpoint.headMap(checkpointId, true);
    for (List<Rec> l : done.values()) {
      for (Rec r : l) {
        write(r);
      }
    }
    done.clear();
    maybeQuota();
  }

  private void maybeQuota() throws IOException {
    long now = System.nanoTime();
    if (settings.quotaBytesPerChannel() <= 0 || (lastQuotaNs != 0 && now - lastQuotaNs < QUOTA_INTERVAL_NS)) {
      return;
    }
    lastQuotaNs = now;
    for (String ch : lastWritten.keySet()) {
      List<Path> gone = ArchiveQuota.prune(settings.top().resolve(ch), settings.quotaBytesPerChannel());
      pruned += gone.size();
      if (!gone.isEmpty()) {
        LOG.info("{}: quota {} bytes: pruned {} oldest files ({} … {})", ch, settings.quotaBytesPerChannel(),
            gone.size(), gone.get(0).getFileName(), gone.get(gone.size() - 1).getFileName());
      }
    }
  }

  @Override
  public void close() throws Exception {
    if (writers != null) {
      LOG.info("raw archive metadata: {} records written under {}, {} files pruned by quota", recordsWritten,
          settings.topDir(), pruned);
    }
  }
}

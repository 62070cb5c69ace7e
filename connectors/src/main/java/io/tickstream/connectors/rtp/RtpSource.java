package io.tickstream.connectors.rtp;

import java.util.Map;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * FLIP-27 source of radiod IQ: per-channel {@link RtpBlock}s (each carrying an
 * {@link io.tickstream.core.signal.IqBlock}) from RTP over UDP, unicast or multicast. Unbounded
 * (optionally ending after an idle period, {@link RtpSourceConfig#idleStopMs()}). Use parallelism 1:
 * one reader owns the sockets; extra readers finish immediately.
 *
 * <p><b>Checkpoint semantics.</b> UDP cannot be replayed. The checkpointed state is, per channel, the
 * {@link ChannelCursor} after the last block emitted before the barrier (sequence number, RTP
 * timestamp, sample index, time anchor). What is "checkpointed" is therefore exactly what had reached
 * the downstream operators at the barrier — and, with an exactly-once sink, what is in the sink's
 * committed state. After a restore, the source listens again and continues each channel with the
 * same RTP → sample-index mapping: packets sent while the job was down (and blocks emitted after the
 * checkpoint but not committed) are missing, and appear as one explicit {@link GapCause#SOURCE_RESTART}
 * gap; nothing is duplicated and no sample index is reused.
 *
 * <p>Metrics (group {@code rtp}): packetsAccepted, packetsLate, packetsDuplicate, packetsMalformed,
 * packetsLost, gapEvents, gapSamples, samplesAccepted, statusPackets. A summary is logged when the
 * reader ends or closes.
 */
public final class RtpSource implements Source<RtpBlock, RtpSplit, RtpEnumerator.State> {
  private static final long serialVersionUID = 1L;
  private final RtpSourceConfig config;

  public RtpSource(RtpSourceConfig config) {
    this.config = config;
  }

  public RtpSourceConfig config() {
    return config;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<RtpSplit, RtpEnumerator.State> createEnumerator(SplitEnumeratorContext<RtpSplit> ctx) {
    return new RtpEnumerator(ctx, new RtpSplit(Map.of()));
  }

  @Override
  public SplitEnumerator<RtpSplit, RtpEnumerator.State> restoreEnumerator(SplitEnumeratorContext<RtpSplit> ctx,
      RtpEnumerator.State state) {
    return new RtpEnumerator(ctx, state.unassigned());
  }

  @Override
  public SimpleVersionedSerializer<RtpSplit> getSplitSerializer() {
    return new RtpSplit.Serializer();
  }

  @Override
  public SimpleVersionedSerializer<RtpEnumerator.State> getEnumeratorCheckpointSerializer() {
    return new RtpEnumerator.StateSerializer();
  }

  @Override
  public SourceReader<RtpBlock, RtpSplit> createReader(SourceReaderContext ctx) {
    return new RtpSourceReader(config, ctx);
  }
}

package io.tickstream.connectors.rtp;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Hands the one {@link RtpSplit} to the first reader that registers; every other reader gets
 * "no more splits" (a UDP port has exactly one listener). A split returned after a failure is handed
 * out again. Enumerator state: the split not currently assigned, if any.
 */
public final class RtpEnumerator implements SplitEnumerator<RtpSplit, RtpEnumerator.State> {
  private final SplitEnumeratorContext<RtpSplit> context;
  private RtpSplit unassigned;

  RtpEnumerator(SplitEnumeratorContext<RtpSplit> context, RtpSplit unassigned) {
    this.context = context;
    this.unassigned = unassigned;
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {}

  @Override
  public void addSplitsBack(List<RtpSplit> splits, int subtaskId) {
    if (!splits.isEmpty()) {
      unassigned = splits.get(0);
    }
  }

  @Override
  public void addReader(int subtaskId) {
    if (unassigned != null) {
      context.assignSplit(unassigned, subtaskId);
      unassigned = null;
    }
    context.signalNoMoreSplits(subtaskId);
  }

  /** Enumerator checkpoint: the split not assigned to any reader (null when a reader owns it). */
  public record State(RtpSplit unassigned) implements java.io.Serializable {}

  @Override
  public State snapshotState(long checkpointId) {
    return new State(unassigned);
  }

  @Override
  public void close() throws IOException {}

  /** Java serialization of {@link State}, versioned. */
  static final class StateSerializer implements SimpleVersionedSerializer<State> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(State s) throws IOException {
      return RtpSplit.toBytes(s.unassigned() == null ? null : new java.util.LinkedHashMap<>(s.unassigned().cursors()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public State deserialize(int version, byte[] bytes) throws IOException {
      Object o = RtpSplit.fromBytes(bytes);
      return new State(o == null ? null : new RtpSplit((Map<Long, ChannelCursor>) o));
    }
  }
}

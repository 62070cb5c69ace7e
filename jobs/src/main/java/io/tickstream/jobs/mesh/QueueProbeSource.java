package io.tickstream.jobs.mesh;

import io.tickstream.connectors.mesh.ProbeCodec;
import io.tickstream.connectors.mesh.ProbeQueue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Unbounded FLIP-27 source reading the server's in-process {@link ProbeQueue} (found by id, so the
 * job must run on a local MiniCluster in the server's JVM). It has no splits and no replayable
 * position: the reader polls the queue and ends its input once the queue is closed and drained
 * (server shutdown), which fires every open window. Run it with parallelism 1.
 */
final class QueueProbeSource implements Source<ProbeCodec.Envelope, QueueProbeSource.NoSplit, Integer> {
  private static final long serialVersionUID = 1L;
  private final String queueId;

  QueueProbeSource(String queueId) {
    this.queueId = queueId;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SourceReader<ProbeCodec.Envelope, NoSplit> createReader(SourceReaderContext ctx) {
    return new Reader(ProbeQueue.lookup(queueId));
  }

  @Override
  public SplitEnumerator<NoSplit, Integer> createEnumerator(SplitEnumeratorContext<NoSplit> ctx) {
    return new NoEnumerator();
  }

  @Override
  public SplitEnumerator<NoSplit, Integer> restoreEnumerator(SplitEnumeratorContext<NoSplit> ctx, Integer state) {
    return new NoEnumerator();
  }

  @Override
  public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
    return new Serializer<>(new NoSplit());
  }

  @Override
  public SimpleVersionedSerializer<Integer> getEnumeratorCheckpointSerializer() {
    return new Serializer<>(0);
  }

  /** The reader: hands out queued probes; END_OF_INPUT once the queue is closed and empty. */
  static final class Reader implements SourceReader<ProbeCodec.Envelope, NoSplit> {
    private final ProbeQueue queue;

    Reader(ProbeQueue queue) {
      this.queue = queue;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<ProbeCodec.Envelope> out) {
      ProbeCodec.Envelope e = queue.poll();
      if (e != null) {
        out.collect(e);
        return InputStatus.MORE_AVAILABLE;
      }
      return queue.drained() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<NoSplit> snapshotState(long checkpointId) {
      return List.of();
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return queue.available();
    }

    @Override
    public void addSplits(List<NoSplit> splits) {}

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {}
  }

  /** Nothing to enumerate: the one reader reads the queue directly. */
  static final class NoEnumerator implements SplitEnumerator<NoSplit, Integer> {
    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, String host) {}

    @Override
    public void addSplitsBack(List<NoSplit> splits, int subtask) {}

    @Override
    public void addReader(int subtask) {}

    @Override
    public Integer snapshotState(long checkpointId) {
      return 0;
    }

    @Override
    public void close() {}
  }

  /** Placeholder split type (never created). */
  static final class NoSplit implements SourceSplit {
    @Override
    public String splitId() {
      return "queue";
    }
  }

  /** Serializer of values without content: always {@code value}. */
  static final class Serializer<T> implements SimpleVersionedSerializer<T> {
    private final T value;

    Serializer(T value) {
      this.value = value;
    }

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(T obj) {
      return "queue".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public T deserialize(int version, byte[] serialized) {
      return value;
    }
  }
}

package io.tickstream.jobs.hf;

import io.tickstream.jobs.hf.types.AssembledMinuteSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Bounded FLIP-27 source of assembled minute windows straight from a Phase 1 Digital RF archive:
 * the bounded counterpart of IQ blocks → {@link MinuteAssembler}. Each minute window
 * {@code [M − margin, M + 60 s + margin)} is read from the archive and filled through the same
 * {@link MinuteBuffer} as the live assembler ({@link ArchiveMinuteReader}), so windows, NaN gaps and
 * completeness are identical; only minutes with at least one sample inside the minute are emitted
 * (as the assembler does).
 *
 * <p>Why: minutes of an archive are independent, so readers can assemble them in parallel, chained
 * to the analysis, with no shuffle and no BATCH sort of the raw IQ by channel (which spilled every
 * sample to disk and back). Splits are runs of {@code minutesPerSplit} minutes of one channel, handed
 * out in channel/time order to whichever reader asks. Each minute carries its window end (ms) as
 * event timestamp, so keyed BATCH operators downstream see a channel's minutes in time order.
 */
public final class ArchiveMinuteSource implements Source<AssembledMinute, ArchiveMinuteSource.MinuteSplit,
    List<ArchiveMinuteSource.MinuteSplit>>, ResultTypeQueryable<AssembledMinute> {
  private static final long serialVersionUID = 1L;

  /** One channel to read: its archive directory and the archive indices {@code [from, to)} to use. */
  public record ChannelRange(String name, String dir, long from, long to) implements Serializable {}

  private final List<ChannelRange> channels;
  private final HfJobConfig config;
  private final int minutesPerSplit;

  public ArchiveMinuteSource(List<ChannelRange> channels, HfJobConfig config, int minutesPerSplit) {
    if (minutesPerSplit < 1) {
      throw new IllegalArgumentException("minutesPerSplit must be >= 1, got " + minutesPerSplit);
    }
    this.channels = List.copyOf(channels);
    this.config = config;
    this.minutesPerSplit = minutesPerSplit;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  /** Splits of at most {@code minutesPerSplit} minutes per channel, channel by channel, in time order. */
  List<MinuteSplit> planSplits() {
    List<MinuteSplit> out = new ArrayList<>();
    for (ChannelRange c : channels) {
      if (c.to() <= c.from()) {
        continue;
      }
      long perMinute;
      try (ArchiveMinuteReader r = ArchiveMinuteReader.open(c, config)) {
        perMinute = r.samplesPerMinute();
      }
      long first = Math.floorDiv(c.from(), perMinute);
      long last = Math.floorDiv(c.to() - 1, perMinute);
      for (long m = first; m <= last; m += minutesPerSplit) {
        out.add(new MinuteSplit(c.name() + "#" + m, c, m, Math.min(last + 1, m + minutesPerSplit)));
      }
    }
    return out;
  }

  @Override
  public SplitEnumerator<MinuteSplit, List<MinuteSplit>> createEnumerator(SplitEnumeratorContext<MinuteSplit> ctx) {
    return new Enumerator(ctx, planSplits());
  }

  @Override
  public SplitEnumerator<MinuteSplit, List<MinuteSplit>> restoreEnumerator(SplitEnumeratorContext<MinuteSplit> ctx,
      List<MinuteSplit> checkpoint) {
    return new Enumerator(ctx, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<MinuteSplit> getSplitSerializer() {
    return new SplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<List<MinuteSplit>> getEnumeratorCheckpointSerializer() {
    return new SplitListSerializer();
  }

  @Override
  public SourceReader<AssembledMinute, MinuteSplit> createReader(SourceReaderContext ctx) {
    return new MinuteSourceReader(ctx, config);
  }

  @Override
  public TypeInformation<AssembledMinute> getProducedType() {
    return AssembledMinuteSerializer.TYPE;
  }

  /**
   * Minutes {@code [next, end)} (minute numbers {@code floor(t/60 s)}) of one channel; {@code next}
   * advances as minutes are emitted, so a checkpointed split resumes after the last emitted minute.
   */
  public record MinuteSplit(String splitId, ChannelRange channel, long next, long end) implements SourceSplit {
    @Override
    public String splitId() {
      return splitId;
    }

    MinuteSplit advanced() {
      return new MinuteSplit(splitId, channel, next + 1, end);
    }
  }

  /** Hands out splits in channel/time order to whichever reader asks; splits given back go first again. */
  static final class Enumerator implements SplitEnumerator<MinuteSplit, List<MinuteSplit>> {
    private final SplitEnumeratorContext<MinuteSplit> ctx;
    private final ArrayDeque<MinuteSplit> remaining;

    Enumerator(SplitEnumeratorContext<MinuteSplit> ctx, List<MinuteSplit> splits) {
      this.ctx = ctx;
      this.remaining = new ArrayDeque<>(splits);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, String host) {
      MinuteSplit next = remaining.poll();
      if (next != null) {
        ctx.assignSplit(next, subtask);
      } else {
        ctx.signalNoMoreSplits(subtask);
      }
    }

    @Override
    public void addSplitsBack(List<MinuteSplit> splits, int subtask) {
      List<MinuteSplit> back = new ArrayList<>(splits);
      back.sort(Comparator.comparing((MinuteSplit s) -> s.channel().name()).thenComparingLong(MinuteSplit::next));
      for (int k = back.size() - 1; k >= 0; k--) {
        remaining.addFirst(back.get(k));
      }
    }

    @Override
    public void addReader(int subtask) {}

    @Override
    public List<MinuteSplit> snapshotState(long checkpointId) {
      return new ArrayList<>(remaining);
    }

    @Override
    public void close() {}
  }

  /** Split serializer (version 1). */
  static final class SplitSerializer implements SimpleVersionedSerializer<MinuteSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(MinuteSplit s) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (DataOutputStream o = new DataOutputStream(b)) {
        write(o, s);
      }
      return b.toByteArray();
    }

    @Override
    public MinuteSplit deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1) {
        throw new IOException("unknown MinuteSplit serializer version " + version);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        return read(in);
      }
    }

    static void write(DataOutputStream o, MinuteSplit s) throws IOException {
      o.writeUTF(s.splitId());
      o.writeUTF(s.channel().name());
      o.writeUTF(s.channel().dir());
      o.writeLong(s.channel().from());
      o.writeLong(s.channel().to());
      o.writeLong(s.next());
      o.writeLong(s.end());
    }

    static MinuteSplit read(DataInputStream in) throws IOException {
      String id = in.readUTF();
      ChannelRange c = new ChannelRange(in.readUTF(), in.readUTF(), in.readLong(), in.readLong());
      return new MinuteSplit(id, c, in.readLong(), in.readLong());
    }
  }

  /** Enumerator checkpoint serializer: the splits not yet assigned (version 1). */
  static final class SplitListSerializer implements SimpleVersionedSerializer<List<MinuteSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<MinuteSplit> splits) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (DataOutputStream o = new DataOutputStream(b)) {
        o.writeInt(splits.size());
        for (MinuteSplit s : splits) {
          SplitSerializer.write(o, s);
        }
      }
      return b.toByteArray();
    }

    @Override
    public List<MinuteSplit> deserialize(int version, byte[] bytes) throws IOException {
      if (version != 1) {
        throw new IOException("unknown MinuteSplit list serializer version " + version);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        int n = in.readInt();
        List<MinuteSplit> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          out.add(SplitSerializer.read(in));
        }
        return out;
      }
    }
  }
}

package io.tickstream.jobs.hf;

import io.tickstream.connectors.source.QueueSplitEnumerator;
import io.tickstream.connectors.source.SplitCodec;
import io.tickstream.connectors.source.VersionedSplitSerializer;
import io.tickstream.jobs.hf.types.AssembledMinuteSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
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
    return new QueueSplitEnumerator<>(ctx, planSplits(), MinuteSplit.BACK_ORDER);
  }

  @Override
  public SplitEnumerator<MinuteSplit, List<MinuteSplit>> restoreEnumerator(SplitEnumeratorContext<MinuteSplit> ctx,
      List<MinuteSplit> checkpoint) {
    return new QueueSplitEnumerator<>(ctx, checkpoint, MinuteSplit.BACK_ORDER);
  }

  @Override
  public SimpleVersionedSerializer<MinuteSplit> getSplitSerializer() {
    return VersionedSplitSerializer.of("MinuteSplit", 1, MinuteSplit.CODEC);
  }

  @Override
  public SimpleVersionedSerializer<List<MinuteSplit>> getEnumeratorCheckpointSerializer() {
    return VersionedSplitSerializer.listOf("MinuteSplit", 1, MinuteSplit.CODEC);
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
    /** Field layout of serializer version 1: splitId, channel name, dir (UTF), from, to, next, end (long). */
    static final SplitCodec<MinuteSplit> CODEC = new SplitCodec<>() {
      @Override
      public void write(DataOutput o, MinuteSplit s) throws IOException {
        o.writeUTF(s.splitId());
        o.writeUTF(s.channel().name());
        o.writeUTF(s.channel().dir());
        o.writeLong(s.channel().from());
        o.writeLong(s.channel().to());
        o.writeLong(s.next());
        o.writeLong(s.end());
      }

      @Override
      public MinuteSplit read(DataInput in) throws IOException {
        String id = in.readUTF();
        ChannelRange c = new ChannelRange(in.readUTF(), in.readUTF(), in.readLong(), in.readLong());
        return new MinuteSplit(id, c, in.readLong(), in.readLong());
      }
    };

    /** Order of splits given back to the enumerator: channel/time order. */
    static final Comparator<MinuteSplit> BACK_ORDER =
        Comparator.comparing((MinuteSplit s) -> s.channel().name()).thenComparingLong(MinuteSplit::next);

    @Override
    public String splitId() {
      return splitId;
    }

    MinuteSplit advanced() {
      return new MinuteSplit(splitId, channel, next + 1, end);
    }
  }
}

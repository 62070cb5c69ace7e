package io.tickstream.connectors.drf;

import io.tickstream.connectors.source.SplitCodec;
import io.tickstream.connectors.source.VersionedSplitSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A {@link DigitalRfSource} split: samples {@code [start, end)} of one channel, normally one data
 * file's period (clipped to the source's time range). {@code start} advances as blocks are emitted,
 * so a checkpointed split resumes exactly after the last emitted block. {@code lastEnd} is one past
 * the last sample emitted before {@code start} in this split ({@code Long.MIN_VALUE}: not yet known).
 */
public record DrfSplit(String splitId, String topDir, String channel, long start, long end, long lastEnd)
    implements SourceSplit {

  /** Field layout of serializer version 1: splitId, topDir, channel (UTF), start, end, lastEnd (long). */
  static final SplitCodec<DrfSplit> CODEC = new SplitCodec<>() {
    @Override
    public void write(DataOutput o, DrfSplit s) throws IOException {
      o.writeUTF(s.splitId);
      o.writeUTF(s.topDir);
      o.writeUTF(s.channel);
      o.writeLong(s.start);
      o.writeLong(s.end);
      o.writeLong(s.lastEnd);
    }

    @Override
    public DrfSplit read(DataInput in) throws IOException {
      return new DrfSplit(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readLong());
    }
  };

  /**
   * Order of splits given back to the enumerator: by channel, then start, compared as the text
   * {@code channel + "/" + start} (start zero-padded to 20 digits), as this source always has.
   */
  static final Comparator<DrfSplit> BACK_ORDER =
      Comparator.comparing(s -> s.channel() + "/" + String.format("%020d", s.start()));

  @Override
  public String splitId() {
    return splitId;
  }

  DrfSplit advancedTo(long newStart, long newLastEnd) {
    return new DrfSplit(splitId, topDir, channel, newStart, end, newLastEnd);
  }

  /** Serializer for splits (version 1). */
  public static final class Serializer extends VersionedSplitSerializer<DrfSplit> {
    public Serializer() {
      super("DrfSplit", 1, CODEC);
    }
  }

  /** Serializer for the enumerator's checkpoint: the splits not yet assigned (version 1). */
  public static final class ListSerializer extends VersionedSplitSerializer<List<DrfSplit>> {
    public ListSerializer() {
      super("DrfSplit list", 1, SplitCodec.listOf(CODEC));
    }
  }
}

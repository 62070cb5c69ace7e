package io.tickstream.connectors.source;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How one split (or a value made of splits) is written to and read back from a data stream: the
 * field layout that {@link VersionedSplitSerializer} wraps. A layout that checkpoints were written
 * with must never change; a new layout needs a new serializer version.
 *
 * @param <S> the split type
 */
public interface SplitCodec<S> {
  /** Writes {@code split}'s fields to {@code out}. */
  void write(DataOutput out, S split) throws IOException;

  /** Reads one split written by {@link #write}. */
  S read(DataInput in) throws IOException;

  /** A list of {@code element}s: the count as an {@code int}, then each element's fields. */
  static <S> SplitCodec<List<S>> listOf(SplitCodec<S> element) {
    return new SplitCodec<>() {
      @Override
      public void write(DataOutput out, List<S> splits) throws IOException {
        out.writeInt(splits.size());
        for (S s : splits) {
          element.write(out, s);
        }
      }

      @Override
      public List<S> read(DataInput in) throws IOException {
        int n = in.readInt();
        List<S> splits = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          splits.add(element.read(in));
        }
        return splits;
      }
    };
  }
}

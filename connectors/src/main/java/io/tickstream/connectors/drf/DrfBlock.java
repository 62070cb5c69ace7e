package io.tickstream.connectors.drf;

/** A run of consecutive stored samples {@code [start, start + count)} (global sample indices). */
public record DrfBlock(long start, long count) {
  public DrfBlock {
    if (count <= 0) {
      throw new IllegalArgumentException("empty block at " + start);
    }
  }

  /** One past the last index. */
  public long end() {
    return start + count;
  }
}

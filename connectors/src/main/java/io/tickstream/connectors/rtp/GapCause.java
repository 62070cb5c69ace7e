package io.tickstream.connectors.rtp;

/** Why samples are missing before a block (recorded with every gap event). */
public enum GapCause {
  /** Contiguous with the previous block (or first block of a session). */
  NONE,
  /** Packets were lost (sequence numbers missing). */
  PACKET_LOSS,
  /** Timestamp jumped with contiguous sequence numbers: radiod muted/skipped output (ka9q-radio#243). */
  MUTED,
  /** The RTP stream restarted (timestamp went backwards or jumped implausibly far; radiod restart). */
  STREAM_RESET,
  /** The source was restored from a checkpoint; packets sent while it was down are missing. */
  SOURCE_RESTART
}

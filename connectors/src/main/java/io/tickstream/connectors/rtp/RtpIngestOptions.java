package io.tickstream.connectors.rtp;

import java.io.Serializable;

/**
 * Resequencing options.
 *
 * @param jitterDepthPackets packets that may wait behind a missing one before it is declared lost
 *     (reordering deeper than this turns into loss + late packets)
 * @param maxHoldMs longest a packet waits for a missing predecessor
 * @param maxForwardJumpSeconds a timestamp jump larger than this is treated as a stream reset
 */
public record RtpIngestOptions(int jitterDepthPackets, long maxHoldMs, long maxForwardJumpSeconds)
    implements Serializable {

  public static final RtpIngestOptions DEFAULTS = new RtpIngestOptions(64, 500, 3600);

  public RtpIngestOptions {
    if (jitterDepthPackets < 1 || maxHoldMs < 1 || maxForwardJumpSeconds < 1) {
      throw new IllegalArgumentException("jitter depth, hold time and max jump must be positive");
    }
  }
}

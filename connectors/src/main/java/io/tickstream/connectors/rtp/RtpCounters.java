package io.tickstream.connectors.rtp;

import io.tickstream.connectors.rtp.MalformedPacketException.Reason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Packet counters of a receiver (or of one channel). Written by the receiving thread, readable from
 * any thread (metrics, {@code rtp listen}).
 *
 * <ul>
 *   <li>accepted: packets whose samples were emitted</li>
 *   <li>late: arrived after the jitter buffer had already declared them lost (dropped)</li>
 *   <li>duplicate: same sequence number already buffered or emitted (dropped)</li>
 *   <li>lost: sequence numbers never received before their turn</li>
 *   <li>malformed: rejected datagrams, by {@link Reason} (unknown SSRC and bad status included)</li>
 * </ul>
 */
public final class RtpCounters {
  public final AtomicLong accepted = new AtomicLong();
  public final AtomicLong late = new AtomicLong();
  public final AtomicLong duplicate = new AtomicLong();
  public final AtomicLong lost = new AtomicLong();
  public final AtomicLong samples = new AtomicLong();
  public final AtomicLong gapEvents = new AtomicLong();
  public final AtomicLong gapSamples = new AtomicLong();
  public final AtomicLong mutedGaps = new AtomicLong();
  public final AtomicLong streamResets = new AtomicLong();
  public final AtomicLong statusPackets = new AtomicLong();
  public final AtomicLong commandPackets = new AtomicLong();
  /** All rejected datagrams (the sum over reasons). */
  public final AtomicLong malformedAll = new AtomicLong();
  private final AtomicLongArray malformed = new AtomicLongArray(Reason.values().length);

  public void malformed(Reason r) {
    malformed.incrementAndGet(r.ordinal());
    malformedAll.incrementAndGet();
  }

  public long malformedCount(Reason r) {
    return malformed.get(r.ordinal());
  }

  /** Total rejected datagrams (all reasons). */
  public long malformedTotal() {
    return malformedAll.get();
  }

  public Map<Reason, Long> malformedByReason() {
    Map<Reason, Long> m = new EnumMap<>(Reason.class);
    for (Reason r : Reason.values()) {
      long v = malformed.get(r.ordinal());
      if (v > 0) {
        m.put(r, v);
      }
    }
    return m;
  }

  /** One-line summary for logs. */
  public String summary() {
    return "accepted=" + accepted.get() + " late=" + late.get() + " duplicate=" + duplicate.get()
        + " malformed=" + malformedTotal() + (malformedTotal() > 0 ? malformedByReason().toString() : "")
        + " lost=" + lost.get() + " gaps=" + gapEvents.get() + " (muted " + mutedGaps.get() + ", "
        + gapSamples.get() + " samples) resets=" + streamResets.get() + " samples=" + samples.get()
        + " status=" + statusPackets.get();
  }
}

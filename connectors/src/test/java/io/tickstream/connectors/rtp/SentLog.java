package io.tickstream.connectors.rtp;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Records what a simulator sent (test helper): unique data packets per SSRC by first sample index. */
public final class SentLog implements RtpSimulator.SentListener {
  public final Map<Long, TreeMap<Long, SimPacket>> uniqueByIndex = new HashMap<>();
  public long duplicates;
  public long statusPackets;

  @Override
  public synchronized void sent(SimPacket p) {
    if (p.status()) {
      statusPackets++;
      return;
    }
    if (p.duplicate() || uniqueByIndex.computeIfAbsent(p.ssrc(), k -> new TreeMap<>()).containsKey(p.firstSampleIndex())) {
      duplicates++;
      return;
    }
    uniqueByIndex.get(p.ssrc()).put(p.firstSampleIndex(), p);
  }

  /** Packets missing between the first and last received packet of {@code ssrc}. */
  public synchronized long lostBetweenFirstAndLast(long ssrc) {
    TreeMap<Long, SimPacket> m = uniqueByIndex.get(ssrc);
    long span = m.lastEntry().getValue().packetNumber() - m.firstEntry().getValue().packetNumber() + 1;
    return span - m.size();
  }
}

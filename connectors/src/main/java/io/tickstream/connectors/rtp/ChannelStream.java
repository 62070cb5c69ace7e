package io.tickstream.connectors.rtp;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The per-SSRC part of the receiver: sequence/timestamp unwrapping, a bounded jitter buffer,
 * duplicate and late detection, explicit gaps, and the RTP → system time mapping.
 *
 * <p><b>Jitter buffer.</b> Packets are keyed by extended sequence number. The head is released when
 * it is the next expected number, when more than {@code depth} packets wait behind it, or when it has
 * waited longer than {@code maxHoldNs}; whatever sequence numbers it skips are counted lost. A packet
 * below the release point is a duplicate if it was released before (tracked over the last
 * {@value #HISTORY} numbers), otherwise late; both are dropped.
 *
 * <p><b>Unwrapping.</b> 16-bit sequence numbers and 32-bit timestamps are extended to 64 bits by
 * adding the signed difference to a reference: {@code ext = ref + (int32)(ts − (ref mod 2³²))}
 * (RFC 3550 A.1 style; ka9q-radio rtp_process uses the same signed differences, DOMAIN.md §2.2).
 *
 * <p><b>Gaps.</b> On release, {@code jump = ts − expected_ts}. {@code jump > 0} is a gap of that many
 * samples: {@link GapCause#PACKET_LOSS} when sequence numbers are missing, else {@link GapCause#MUTED}
 * (radiod advanced the timestamp without sending). Gaps are never filled. {@code jump < 0} or a jump
 * above {@code maxForwardJumpFrames} is a stream reset: the mapping is re-anchored, never moved
 * backwards.
 *
 * <p><b>Time.</b> The first block is anchored by {@link TimeReference#RADIOD_GPS_TIME} when a status
 * snapshot of this SSRC is known, else by {@link TimeReference#FIRST_PACKET_ARRIVAL}; all later indices
 * follow from RTP timestamps ({@link TimeAnchor}).
 */
final class ChannelStream {
  static final int HISTORY = 4096;
  private static final long UNSET = Long.MIN_VALUE;
  private static final int FAR_BEHIND_RESET = 16;

  private record Pending(long extSeq, long ts32, Object samples, int frames, long arrivalNs) {}

  private ChannelSpec spec;
  private final int depth;
  private final long maxHoldNs;
  private final long maxForwardJumpFrames;
  final RtpCounters counters = new RtpCounters();
  private final RtpCounters global;

  private final TreeMap<Long, Pending> buffer = new TreeMap<>();
  private final boolean[] released = new boolean[HISTORY];
  private long highestSeq = UNSET;
  private long nextSeq = UNSET;
  private long tsRef = UNSET;
  private long expectedTs = UNSET;
  private long endIndex = UNSET;
  private TimeAnchor anchor;
  private boolean restored;
  private int farBehind;
  private boolean forceReset;

  ChannelStream(ChannelSpec spec, int depth, long maxHoldNs, long maxForwardJumpFrames, RtpCounters global) {
    this.spec = spec;
    this.depth = depth;
    this.maxHoldNs = maxHoldNs;
    this.maxForwardJumpFrames = maxForwardJumpFrames;
    this.global = global;
  }

  ChannelSpec spec() {
    return spec;
  }

  void updateSpec(ChannelSpec s) {
    this.spec = s;
  }

  /** Continues from a checkpointed cursor: same mapping, next packets join after a SOURCE_RESTART gap. */
  void restore(ChannelCursor c) {
    nextSeq = c.nextSequence();
    highestSeq = c.nextSequence() - 1;
    tsRef = c.nextRtpTimestamp();
    expectedTs = c.nextRtpTimestamp();
    endIndex = c.endSampleIndex();
    anchor = c.anchor();
    restored = true;
  }

  int buffered() {
    return buffer.size();
  }

  /** Offers one decoded packet; releases whatever the buffer rules allow. */
  void offer(int seq16, long ts32, Object samples, int frames, long arrivalNs, RadiodStatus status,
      Consumer<RtpBlock> out) {
    long ext;
    if (highestSeq == UNSET) {
      ext = seq16;
      highestSeq = ext;
    } else {
      ext = highestSeq + (short) (seq16 - (int) (highestSeq & 0xffff));
    }
    if (nextSeq != UNSET && ext < nextSeq) {
      if (nextSeq - ext < HISTORY && released[(int) Math.floorMod(ext, HISTORY)]) {
        inc(counters.duplicate, global.duplicate);
        farBehind = 0;
      } else {
        inc(counters.late, global.late);
        if (nextSeq - ext > 2L * depth + 64 && ++farBehind >= FAR_BEHIND_RESET) {
          // the sender restarted with new sequence numbers: start a new session at this packet
          flush(status, out);
          highestSeq = ext;
          nextSeq = UNSET;
          farBehind = 0;
          forceReset = true;
          buffer.put(ext, new Pending(ext, ts32, samples, frames, arrivalNs));
          releaseReady(arrivalNs, status, out);
        }
      }
      return;
    }
    farBehind = 0;
    if (buffer.containsKey(ext)) {
      inc(counters.duplicate, global.duplicate);
      return;
    }
    if (ext > highestSeq) {
      highestSeq = ext;
    }
    buffer.put(ext, new Pending(ext, ts32, samples, frames, arrivalNs));
    releaseReady(arrivalNs, status, out);
  }

  /** Releases packets that waited longer than the hold time. */
  void expire(long nowNs, RadiodStatus status, Consumer<RtpBlock> out) {
    releaseReady(nowNs, status, out);
  }

  /** Releases everything buffered (end of stream / shutdown). */
  void flush(RadiodStatus status, Consumer<RtpBlock> out) {
    while (!buffer.isEmpty()) {
      release(buffer.pollFirstEntry().getValue(), status, out);
    }
  }

  private void releaseReady(long nowNs, RadiodStatus status, Consumer<RtpBlock> out) {
    while (!buffer.isEmpty()) {
      Map.Entry<Long, Pending> head = buffer.firstEntry();
      // at session start (nextSeq unset) wait for the buffer to fill, so reordered first packets are not late
      boolean ready = head.getKey() == nextSeq || buffer.size() > depth || nowNs - head.getValue().arrivalNs() > maxHoldNs;
      if (!ready) {
        return;
      }
      buffer.pollFirstEntry();
      release(head.getValue(), status, out);
    }
  }

  private void release(Pending p, RadiodStatus status, Consumer<RtpBlock> out) {
    long lostPackets = nextSeq == UNSET ? 0 : Math.max(0, p.extSeq() - nextSeq);
    if (lostPackets > 0) {
      add(counters.lost, global.lost, lostPackets);
      for (long s = nextSeq; s < p.extSeq() && s < nextSeq + HISTORY; s++) {
        released[(int) Math.floorMod(s, HISTORY)] = false;
      }
    }
    released[(int) Math.floorMod(p.extSeq(), HISTORY)] = true;
    nextSeq = p.extSeq() + 1;

    long extTs = tsRef == UNSET ? p.ts32() : tsRef + (int) (p.ts32() - (tsRef & 0xffffffffL));
    tsRef = extTs;
    Rational rate = spec.rate();
    GapCause cause = GapCause.NONE;
    long gap = 0;
    boolean firstOfSession = false;
    if (anchor == null) {
      anchor = anchorFor(extTs, p, status, rate);
      firstOfSession = true;
    } else {
      long jump = extTs - expectedTs;
      if (forceReset || jump < 0 || jump > maxForwardJumpFrames) {
        forceReset = false;
        inc(counters.streamResets, global.streamResets);
        TimeAnchor fresh = anchorFor(extTs, p, status, rate);
        long idx = Math.max(fresh.sampleIndex(), endIndex);
        anchor = new TimeAnchor(fresh.reference(), extTs, idx, rate.timeNsOfIndexFloor(idx));
        firstOfSession = true;
        gap = idx - endIndex;
        cause = GapCause.STREAM_RESET;
      } else if (jump > 0) {
        gap = jump;
        cause = restored ? GapCause.SOURCE_RESTART : lostPackets > 0 ? GapCause.PACKET_LOSS : GapCause.MUTED;
        if (cause == GapCause.MUTED) {
          inc(counters.mutedGaps, global.mutedGaps);
        }
      }
    }
    restored = false;
    if (gap > 0) {
      inc(counters.gapEvents, global.gapEvents);
      add(counters.gapSamples, global.gapSamples, gap);
    }
    long index = anchor.indexOf(extTs);
    long tNs = rate.timeNsOfIndexFloor(index);
    boolean complex = spec.channels() == 2;
    IqBlock iq = p.samples() instanceof short[] s
        ? IqBlock.ofInt16(spec.name(), index, rate, tNs, complex, s, gap)
        : IqBlock.ofFloat32(spec.name(), index, rate, tNs, complex, (float[]) p.samples(), gap);
    expectedTs = extTs + p.frames();
    endIndex = index + p.frames();
    inc(counters.accepted, global.accepted);
    add(counters.samples, global.samples, p.frames());
    out.accept(new RtpBlock(iq, spec.ssrc(), spec.frequencyHz(), spec.encoding(), extTs, p.extSeq(), cause,
        lostPackets, anchor, firstOfSession, spec.synthetic(), p.arrivalNs()));
  }

  private TimeAnchor anchorFor(long extTs, Pending p, RadiodStatus status, Rational rate) {
    long tNs;
    TimeReference ref;
    if (status != null && status.hasTimeSnap() && status.sampleRateHz() == spec.sampleRateHz()) {
      long deltaFrames = (int) (p.ts32() - status.rtpTimesnap());
      tNs = status.unixTimeNs() + Math.floorDiv(deltaFrames * 1_000_000_000L, spec.sampleRateHz());
      ref = TimeReference.RADIOD_GPS_TIME;
    } else {
      tNs = p.arrivalNs();
      ref = TimeReference.FIRST_PACKET_ARRIVAL;
    }
    // nearest sample: GPS_TIME is ns-resolution, so floor could land one sample early at rates not dividing 1e9
    long idx = rate.indexAtOrBefore(tNs + 500_000_000L / spec.sampleRateHz());
    return new TimeAnchor(ref, extTs, idx, tNs);
  }

  private static void inc(java.util.concurrent.atomic.AtomicLong a, java.util.concurrent.atomic.AtomicLong b) {
    a.incrementAndGet();
    b.incrementAndGet();
  }

  private static void add(java.util.concurrent.atomic.AtomicLong a, java.util.concurrent.atomic.AtomicLong b, long v) {
    a.addAndGet(v);
    b.addAndGet(v);
  }
}

package io.tickstream.connectors.rtp;

import io.tickstream.connectors.rtp.MalformedPacketException.Reason;
import io.tickstream.core.signal.SampleType;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket-free core of the radiod receiver: turns datagrams (data and status) into {@link RtpBlock}s.
 * Single-threaded; counters readable from any thread.
 *
 * <p>A data packet is rejected (counted by reason, never passed on) when its header is short or not
 * version 2, its SSRC has no complete channel spec, its payload type differs from the one radiod
 * announced, its encoding is not linear PCM, or its payload is empty or not a whole number of
 * frames ({@code frames = payload_len / (bytes_per_sample · channels)}, never a fixed count).
 * Packets of an SSRC whose format is not known yet wait up to 1.5 s for its status, then count as
 * unknown SSRC.
 */
public final class RtpIngest {
  private static final Logger LOG = LoggerFactory.getLogger(RtpIngest.class);
  private static final int MAX_LOGGED_REJECTS = 20;

  private final ChannelRegistry registry;
  private final RtpIngestOptions options;
  private final RtpCounters counters = new RtpCounters();
  private final Map<Long, ChannelStream> streams = new LinkedHashMap<>();
  private final Map<Long, ChannelCursor> pendingRestore = new HashMap<>();
  private long loggedRejects;
  private final Map<Long, ArrayDeque<Held>> awaiting = new HashMap<>();

  private record Held(byte[] datagram, long arrivalNs) {}

  /** How long packets of a not-yet-announced SSRC wait for its status. */
  static final long UNKNOWN_HOLD_NS = 1_500_000_000L;
  private static final int MAX_AWAITING_PACKETS = 256;
  private static final int MAX_AWAITING_SSRCS = 32;

  public RtpIngest(ChannelRegistry registry, RtpIngestOptions options) {
    this.registry = registry;
    this.options = options;
  }

  public RtpCounters counters() {
    return counters;
  }

  public ChannelRegistry registry() {
    return registry;
  }

  /** Per-channel counters, keyed by SSRC. */
  public Map<Long, RtpCounters> channelCounters() {
    Map<Long, RtpCounters> m = new LinkedHashMap<>();
    streams.forEach((k, v) -> m.put(k, v.counters));
    return m;
  }

  /** Continue the given channels from checkpointed cursors (applied when each SSRC is first seen). */
  public void restore(Collection<ChannelCursor> cursors) {
    for (ChannelCursor c : cursors) {
      pendingRestore.put(c.ssrc(), c);
    }
  }

  /** Handles one datagram from the data port. */
  public void onData(byte[] buf, int off, int len, long arrivalNs, Consumer<RtpBlock> out) {
    try {
      RtpHeader h = RtpHeader.parse(buf, off, len);
      ChannelSpec spec = registry.lookup(h.ssrc());
      if (spec == null || !spec.isComplete()) {
        if (spec != null && spec.encoding() != null && !spec.encoding().isSupported()) {
          throw new MalformedPacketException(Reason.UNSUPPORTED_ENCODING,
              "SSRC " + h.ssrc() + " (" + spec.name() + ") sends " + spec.encoding() + ", not linear PCM");
        }
        holdUntilStatus(h.ssrc(), buf, off, len, arrivalNs);
        return;
      }
      decodeAndOffer(h, spec, buf, arrivalNs, out);
    } catch (MalformedPacketException e) {
      reject(e, "data", len);
    }
  }

  private void decodeAndOffer(RtpHeader h, ChannelSpec spec, byte[] buf, long arrivalNs, Consumer<RtpBlock> out)
      throws MalformedPacketException {
    if (spec.payloadType() >= 0 && spec.payloadType() != h.payloadType()) {
      throw new MalformedPacketException(Reason.PAYLOAD_TYPE_MISMATCH,
          "SSRC " + h.ssrc() + " payload type " + h.payloadType() + " but status announced " + spec.payloadType());
    }
    int frameBytes = spec.frameBytes();
    if (h.payloadLength() == 0) {
      throw new MalformedPacketException(Reason.EMPTY_PAYLOAD, "SSRC " + h.ssrc() + " packet with empty payload");
    }
    if (h.payloadLength() % frameBytes != 0) {
      throw new MalformedPacketException(Reason.BAD_FRAME_SIZE, "SSRC " + h.ssrc() + " payload of "
          + h.payloadLength() + " bytes is not a multiple of the " + frameBytes + "-byte " + spec.encoding()
          + " frame");
    }
    Object samples = spec.encoding().sampleType() == SampleType.INT16
        ? spec.encoding().decodeInt16(buf, h.payloadOffset(), h.payloadLength())
        : spec.encoding().decodeFloat32(buf, h.payloadOffset(), h.payloadLength());
    streamFor(spec).offer(h.sequence(), h.timestamp(), samples, h.payloadLength() / frameBytes, arrivalNs,
        registry.status(h.ssrc()), out);
  }

  /**
   * Keeps packets of an SSRC whose format is not known yet for up to {@link #UNKNOWN_HOLD_NS}: radiod
   * announces a channel only every 0.5 s, so the first packets usually precede its first status.
   */
  private void holdUntilStatus(long ssrc, byte[] buf, int off, int len, long arrivalNs)
      throws MalformedPacketException {
    ArrayDeque<Held> q = awaiting.get(ssrc);
    if (q == null) {
      if (awaiting.size() >= MAX_AWAITING_SSRCS) {
        throw unknown(ssrc);
      }
      q = new ArrayDeque<>();
      awaiting.put(ssrc, q);
    }
    if (q.size() >= MAX_AWAITING_PACKETS) {
      q.poll();
      reject(unknown(ssrc), "data", len);
    }
    q.add(new Held(java.util.Arrays.copyOfRange(buf, off, off + len), arrivalNs));
  }

  private MalformedPacketException unknown(long ssrc) {
    ChannelSpec spec = registry.lookup(ssrc);
    return new MalformedPacketException(Reason.UNKNOWN_SSRC,
        "SSRC " + ssrc + (spec == null ? " is not a configured channel and no status announced it"
            : " (" + spec.name() + ") has no complete format (no status within the hold time)"));
  }

  private void replayAwaiting(long ssrc, Consumer<RtpBlock> out) {
    ArrayDeque<Held> q = awaiting.remove(ssrc);
    if (q != null) {
      for (Held h : q) {
        onData(h.datagram(), 0, h.datagram().length, h.arrivalNs(), out);
      }
    }
  }

  /** Handles one datagram from the status port; packets that waited for this channel's format are released. */
  public void onStatus(byte[] buf, int off, int len, Consumer<RtpBlock> out) {
    try {
      RadiodStatus s = StatusCodec.decode(buf, off, len);
      if (s == null) {
        counters.commandPackets.incrementAndGet();
        return;
      }
      counters.statusPackets.incrementAndGet();
      ChannelSpec spec = registry.onStatus(s);
      if (spec != null) {
        ChannelStream st = streams.get(s.ssrc());
        if (st != null) {
          st.updateSpec(spec);
        }
        if (spec.isComplete()) {
          replayAwaiting(s.ssrc(), out);
        }
      }
    } catch (MalformedPacketException e) {
      reject(e, "status", len);
    }
  }

  /** Releases packets that waited longer than the hold time (call regularly). */
  public void expire(long nowNs, Consumer<RtpBlock> out) {
    for (var it = awaiting.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      ArrayDeque<Held> q = e.getValue();
      while (!q.isEmpty() && nowNs - q.peek().arrivalNs() > UNKNOWN_HOLD_NS) {
        reject(unknown(e.getKey()), "data", q.poll().datagram().length);
      }
      if (q.isEmpty()) {
        it.remove();
      }
    }
    for (Map.Entry<Long, ChannelStream> e : streams.entrySet()) {
      e.getValue().expire(nowNs, registry.status(e.getKey()), out);
    }
  }

  /** Releases every buffered packet (shutdown / end of input). */
  public void flush(Consumer<RtpBlock> out) {
    for (var e : awaiting.entrySet()) {
      for (Held h : e.getValue()) {
        reject(unknown(e.getKey()), "data", h.datagram().length);
      }
    }
    awaiting.clear();
    for (Map.Entry<Long, ChannelStream> e : streams.entrySet()) {
      e.getValue().flush(registry.status(e.getKey()), out);
    }
  }

  /** Packets currently waiting in jitter buffers. */
  public int buffered() {
    int n = 0;
    for (ChannelStream s : streams.values()) {
      n += s.buffered();
    }
    return n;
  }

  private ChannelStream streamFor(ChannelSpec spec) {
    ChannelStream s = streams.get(spec.ssrc());
    if (s == null) {
      long maxJump = Math.multiplyExact(options.maxForwardJumpSeconds(), spec.sampleRateHz());
      s = new ChannelStream(spec, options.jitterDepthPackets(), options.maxHoldMs() * 1_000_000L, maxJump, counters);
      ChannelCursor c = pendingRestore.remove(spec.ssrc());
      if (c != null) {
        s.restore(c);
        LOG.info("channel {} (SSRC {}) resumes after checkpointed sample index {}", spec.name(), spec.ssrc(),
            c.endSampleIndex());
      }
      streams.put(spec.ssrc(), s);
    }
    return s;
  }

  private void reject(MalformedPacketException e, String port, int len) {
    counters.malformed(e.reason());
    if (loggedRejects++ < MAX_LOGGED_REJECTS) {
      LOG.warn("rejected {} packet ({} bytes): {} [{}]{}", port, len, e.getMessage(), e.reason(),
          loggedRejects == MAX_LOGGED_REJECTS ? " (further rejects only counted)" : "");
    }
  }
}

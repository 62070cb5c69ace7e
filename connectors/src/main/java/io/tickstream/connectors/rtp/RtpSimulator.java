package io.tickstream.connectors.rtp;

import io.tickstream.core.time.Rational;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Generates a stream exactly as radiod sends it: RTP data packets per SSRC (sequence numbers,
 * frame-counting timestamps that may start near 2³² and wrap, payload in the channel encoding) and
 * status packets (TLVs with SSRC, frequency, rate, channels, encoding, payload type, {@code GPS_TIME}
 * and {@code RTP_TIMESNAP}, DOMAIN.md §2.3), with optional impairments: loss, duplication, reordering
 * (bounded displacement) and muted intervals (timestamp jumps with contiguous sequence numbers).
 * Status packets carry the description {@code "tickstream simulator SYNTHETIC"}, which the receiver
 * turns into a synthetic flag on every block of the channel.
 *
 * <p>Deterministic for a given seed. An iterator over {@link SimPacket}s in send order; generated a
 * chunk at a time, so arbitrarily long streams use bounded memory.
 */
public final class RtpSimulator implements Iterator<SimPacket> {
  /** Status DESCRIPTION sent by the simulator. */
  public static final String DESCRIPTION = "tickstream simulator " + ChannelSpec.SYNTHETIC_MARKER;
  private static final int CHUNK_PACKETS = 512;

  /**
   * @param reorderDepth maximum number of positions a packet is delayed by (0 = in order)
   * @param muteEveryPackets every this many packets radiod "mutes": the timestamp skips
   *     {@code muteFrames} frames while sequence numbers stay contiguous (0 = never)
   */
  public record Impairments(double lossProbability, double duplicateProbability, int reorderDepth,
      long muteEveryPackets, int muteFrames) {
    public static final Impairments NONE = new Impairments(0, 0, 0, 0, 0);

    public Impairments {
      if (lossProbability < 0 || lossProbability >= 1 || duplicateProbability < 0 || duplicateProbability >= 1) {
        throw new IllegalArgumentException("loss and duplicate probabilities must be in [0, 1)");
      }
      if (reorderDepth < 0 || muteEveryPackets < 0 || muteFrames < 0) {
        throw new IllegalArgumentException("reorder depth and mute settings must be ≥ 0");
      }
    }
  }

  private final class ChannelState {
    final SimChannel ch;
    final Rational rate;
    final long startIndex;
    long packet;
    long index;
    final double[] scratch;

    ChannelState(SimChannel ch, long startUnixNs) {
      this.ch = ch;
      this.rate = Rational.of(ch.sampleRateHz());
      this.startIndex = rate.indexAtOrAfter(startUnixNs);
      this.index = startIndex;
      this.scratch = new double[2 * ch.framesPerPacket()];
    }

    long nextEndNs() {
      return rate.timeNsOfIndexFloor(index + ch.framesPerPacket());
    }
  }

  private record Keyed(double key, SimPacket p) {}

  private final List<ChannelState> channels = new ArrayList<>();
  private final Impairments imp;
  private final int statusEveryPackets;
  private final long endUnixNs;
  private final SplittableRandom rnd;
  private final ArrayDeque<SimPacket> ready = new ArrayDeque<>();

  /**
   * @param startUnixNs simulated system time of the first sample
   * @param durationNs simulated stream length
   * @param statusEveryPackets a status packet per channel every this many data packets (radiod: 2 Hz)
   */
  public RtpSimulator(List<SimChannel> channels, long startUnixNs, long durationNs, Impairments imp,
      int statusEveryPackets, long seed) {
    for (SimChannel c : channels) {
      this.channels.add(new ChannelState(c, startUnixNs));
    }
    this.imp = imp;
    this.statusEveryPackets = Math.max(1, statusEveryPackets);
    this.endUnixNs = startUnixNs + durationNs;
    this.rnd = new SplittableRandom(seed);
  }

  @Override
  public boolean hasNext() {
    if (ready.isEmpty()) {
      fillChunk();
    }
    return !ready.isEmpty();
  }

  @Override
  public SimPacket next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void fillChunk() {
    List<Keyed> chunk = new ArrayList<>();
    int pos = 0;
    while (chunk.size() < CHUNK_PACKETS) {
      ChannelState next = null;
      for (ChannelState s : channels) {
        if (s.nextEndNs() <= endUnixNs && (next == null || s.nextEndNs() < next.nextEndNs())) {
          next = s;
        }
      }
      if (next == null) {
        break;
      }
      if (next.packet % statusEveryPackets == 0) {
        chunk.add(new Keyed(pos++, statusPacket(next)));
      }
      SimPacket data = dataPacket(next);
      if (rnd.nextDouble() >= imp.lossProbability()) {
        chunk.add(new Keyed(pos + (imp.reorderDepth() > 0 ? rnd.nextDouble() * imp.reorderDepth() : 0), data));
        if (rnd.nextDouble() < imp.duplicateProbability()) {
          SimPacket dup = new SimPacket(false, data.ssrc(), data.packetNumber(), data.firstSampleIndex(), data.frames(),
              true, data.simTimeNs(), data.datagram());
          chunk.add(new Keyed(pos + 0.5 + rnd.nextDouble() * Math.max(1, imp.reorderDepth()), dup));
        }
      }
      pos++;
    }
    chunk.sort(Comparator.comparingDouble(Keyed::key));
    for (Keyed k : chunk) {
      ready.add(k.p());
    }
  }

  private long rtpTimestamp(ChannelState s, long index) {
    return (s.ch.firstTimestamp() + (index - s.startIndex)) & 0xffffffffL;
  }

  private SimPacket statusPacket(ChannelState s) {
    SimChannel c = s.ch;
    long unixNs = s.rate.timeNsOfIndexFloor(s.index);
    long gpsNs = unixNs - (RadiodStatus.GPS_EPOCH_UNIX_S - RadiodStatus.GPS_UTC_OFFSET_S) * 1_000_000_000L;
    byte[] b = StatusCodec.Builder.status()
        .integer(StatusType.OUTPUT_SSRC, c.ssrc())
        .dbl(StatusType.RADIO_FREQUENCY, c.frequencyHz())
        .integer(StatusType.OUTPUT_SAMPRATE, c.sampleRateHz())
        .integer(StatusType.OUTPUT_CHANNELS, 2)
        .integer(StatusType.OUTPUT_ENCODING, c.encoding().code())
        .integer(StatusType.RTP_PT, c.payloadType())
        .integer(StatusType.GPS_TIME, gpsNs)
        .integer(StatusType.RTP_TIMESNAP, rtpTimestamp(s, s.index))
        .string(StatusType.PRESET, "iq")
        .string(StatusType.DESCRIPTION, DESCRIPTION)
        .build();
    return new SimPacket(true, c.ssrc(), -1, s.index, 0, false, unixNs, b);
  }

  private SimPacket dataPacket(ChannelState s) {
    SimChannel c = s.ch;
    int frames = c.framesPerPacket();
    c.signal().render(s.index, frames, s.scratch);
    byte[] d = new byte[RtpHeader.MIN_HEADER_BYTES + frames * 2 * c.encoding().bytesPerSample()];
    boolean marker = false;
    RtpHeader.write(d, 0, c.payloadType(), marker, (int) ((c.firstSequence() + s.packet) & 0xffff),
        rtpTimestamp(s, s.index), c.ssrc());
    encode(c.encoding(), s.scratch, 2 * frames, d, RtpHeader.MIN_HEADER_BYTES);
    SimPacket p = new SimPacket(false, c.ssrc(), s.packet, s.index, frames, false,
        s.rate.timeNsOfIndexFloor(s.index + frames), d);
    s.packet++;
    s.index += frames;
    if (imp.muteEveryPackets() > 0 && s.packet % imp.muteEveryPackets() == 0) {
      s.index += imp.muteFrames();
    }
    return p;
  }

  /** radiod's conversion: float as is, S16 = clip(x·2¹⁵, ±32767) (ka9q-radio src/import.h). */
  static void encode(RtpEncoding enc, double[] v, int n, byte[] out, int off) {
    if (enc.sampleType() == io.tickstream.core.signal.SampleType.INT16) {
      short[] s = new short[n];
      for (int i = 0; i < n; i++) {
        s[i] = (short) Math.max(-32767, Math.min(32767, Math.round(v[i] * 32768.0)));
      }
      enc.encodeInt16(s, 0, n, out, off);
    } else {
      float[] f = new float[n];
      for (int i = 0; i < n; i++) {
        f[i] = (float) v[i];
      }
      enc.encodeFloat32(f, 0, n, out, off);
    }
  }

  /** Pacing of {@link #send}. */
  public record Pacing(double speed, long maxPacketsPerSecond) {
    /** Real time (speed 1). */
    public static final Pacing REALTIME = new Pacing(1.0, 0);

    /** As fast as {@code packetsPerSecond} allows, ignoring simulated time. */
    public static Pacing rate(long packetsPerSecond) {
      return new Pacing(0, packetsPerSecond);
    }
  }

  /** Callback after each sent datagram (tests record what was sent; commands show progress). */
  @FunctionalInterface
  public interface SentListener {
    void sent(SimPacket p);
  }

  /**
   * Sends the whole stream. Data to {@code dataTo}, status to {@code statusTo}. With speed &gt; 0 a
   * packet is sent when {@code wallElapsed ≥ simElapsed / speed}; {@code maxPacketsPerSecond} &gt; 0
   * additionally caps the rate. Returns the number of datagrams sent.
   */
  public long send(DatagramSocket socket, InetSocketAddress dataTo, InetSocketAddress statusTo, Pacing pacing,
      SentListener listener) throws IOException, InterruptedException {
    long wall0 = System.nanoTime();
    long sim0 = Long.MIN_VALUE;
    long sent = 0;
    while (hasNext()) {
      SimPacket p = next();
      if (sim0 == Long.MIN_VALUE) {
        sim0 = p.simTimeNs();
      }
      long dueNs = 0;
      if (pacing.speed() > 0) {
        dueNs = (long) ((p.simTimeNs() - sim0) / pacing.speed());
      }
      if (pacing.maxPacketsPerSecond() > 0) {
        dueNs = Math.max(dueNs, sent * 1_000_000_000L / pacing.maxPacketsPerSecond());
      }
      long wait = dueNs - (System.nanoTime() - wall0);
      if (wait > 200_000) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      byte[] d = p.datagram();
      socket.send(new DatagramPacket(d, d.length, p.status() ? statusTo : dataTo));
      sent++;
      if (listener != null) {
        listener.sent(p);
      }
    }
    return sent;
  }
}

package io.tickstream.connectors.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.connectors.rtp.MalformedPacketException.Reason;
import io.tickstream.core.signal.SampleType;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The plain-Java receiver over real UDP sockets on loopback, fed by the radiod simulator. */
class RtpReceiverLoopbackTest {
  static final long START_NS = Instant.parse("2024-06-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;

  static List<SimChannel> twoChannels() {
    return List.of(
        new SimChannel("WWV_10MHz", 10000, 10e6, 20000, RtpEncoding.S16BE, 360, 122,
            (1L << 32) - 20000L * 3, 65500, IqSignal.tone(1000, 0.5, 20000)),
        new SimChannel("WWV_5MHz", 5000, 5e6, 20000, RtpEncoding.F32LE, 180, 97,
            1_234_567L, 7, IqSignal.tone(-600, 0.25, 20000)));
  }

  static List<ChannelDeclaration> declaredFromStatus() {
    return List.of(
        new ChannelDeclaration("WWV_10MHz", 10e6, null, null, null, 2, List.of("WWV", "WWVH")),
        new ChannelDeclaration("WWV_5MHz", 5e6, null, null, null, 2, List.of("WWV", "WWVH")));
  }

  /** Runs a receiver on loopback while {@code sender} sends; returns every block emitted. */
  static List<RtpBlock> receive(RtpReceiver rx, ThrowingConsumer<DatagramSocket> sender) throws Exception {
    List<RtpBlock> blocks = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    Thread t = new Thread(() -> {
      try {
        while (!stop.get()) {
          rx.poll(20, blocks::add);
        }
        rx.ingest().flush(blocks::add);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    }, "rtp-rx");
    t.start();
    try (DatagramSocket s = new DatagramSocket()) {
      sender.accept(s);
    }
    Thread.sleep(800); // > max hold: everything released by time
    stop.set(true);
    t.join();
    return blocks;
  }

  interface ThrowingConsumer<T> {
    void accept(T t) throws Exception;
  }

  @Test
  void lossDuplicatesReorderingWrapAndMutingBecomeExactSamplesAndExplicitGaps() throws Exception {
    RtpIngest ingest = new RtpIngest(new ChannelRegistry(declaredFromStatus(), false), RtpIngestOptions.DEFAULTS);
    SentLog log = new SentLog();
    RtpSimulator sim = new RtpSimulator(twoChannels(), START_NS, 8_000_000_000L,
        new RtpSimulator.Impairments(0.05, 0.01, 32, 300, 1000), 25, 42);
    List<RtpBlock> blocks;
    try (RtpReceiver rx = new RtpReceiver(RtpEndpoints.unicast("127.0.0.1", 0, 0), ingest).open()) {
      InetSocketAddress data = new InetSocketAddress("127.0.0.1", rx.dataAddress().getPort());
      InetSocketAddress status = new InetSocketAddress("127.0.0.1", rx.statusAddress().getPort());
      blocks = receive(rx, s -> sim.send(s, data, status, RtpSimulator.Pacing.rate(5000), p -> {
        log.sent(p);
        if (!p.status() && p.packetNumber() == 100 && p.ssrc() == 10000 && !p.duplicate()) {
          try {
            sendGarbage(s, data, status);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }));
    }
    RtpCounters c = ingest.counters();
    assertEquals(0, c.late.get(), c.summary());
    assertEquals(log.duplicates, c.duplicate.get(), c.summary());
    assertEquals(1, c.malformedCount(Reason.SHORT_HEADER));
    assertEquals(1, c.malformedCount(Reason.BAD_VERSION));
    assertEquals(1, c.malformedCount(Reason.BAD_FRAME_SIZE));
    assertEquals(1, c.malformedCount(Reason.UNKNOWN_SSRC));
    assertEquals(2, c.malformedCount(Reason.BAD_STATUS));
    for (SimChannel ch : twoChannels()) {
      verifyChannel(ch, blocks, log);
    }
    assertEquals(log.lostBetweenFirstAndLast(10000) + log.lostBetweenFirstAndLast(5000), c.lost.get());
    assertTrue(c.mutedGaps.get() > 0, "muted intervals must appear as gaps: " + c.summary());
  }

  static void sendGarbage(DatagramSocket s, InetSocketAddress data, InetSocketAddress status) throws Exception {
    byte[] shortHdr = new byte[5];
    byte[] v1 = new byte[40];
    v1[0] = 0x40;
    byte[] badFrame = new byte[12 + 6]; // S16BE IQ frame = 4 bytes
    RtpHeader.write(badFrame, 0, 122, false, 1, 1, 10000);
    byte[] unknown = new byte[12 + 16];
    RtpHeader.write(unknown, 0, 122, false, 1, 1, 424242);
    byte[] tlvPastEnd = {0, (byte) StatusType.OUTPUT_SSRC, 100, 1};
    byte[] tlvNoSsrc = StatusCodec.Builder.status().dbl(StatusType.RADIO_FREQUENCY, 10e6).build();
    for (byte[] b : List.of(shortHdr, v1, badFrame, unknown)) {
      s.send(new DatagramPacket(b, b.length, data));
    }
    for (byte[] b : List.of(tlvPastEnd, tlvNoSsrc)) {
      s.send(new DatagramPacket(b, b.length, status));
    }
  }

  /** Every sent packet exactly once, samples bit-exact at the true index, gaps exactly where packets were lost or muted. */
  static void verifyChannel(SimChannel ch, List<RtpBlock> all, SentLog log) {
    TreeMap<Long, SimPacket> sent = log.uniqueByIndex.get(ch.ssrc());
    List<RtpBlock> blocks = all.stream().filter(b -> b.ssrc() == ch.ssrc()).toList();
    assertEquals(sent.size(), blocks.size(), ch.name() + ": every unique packet once");
    long prevEnd = -1;
    long prevPacket = -1;
    for (RtpBlock b : blocks) {
      SimPacket p = sent.get(b.iq().firstSampleIndex());
      assertNotNull(p, ch.name() + ": block at an index nothing was sent at: " + b.iq().firstSampleIndex());
      assertEquals(ch.name(), b.channel());
      assertEquals(TimeReference.RADIOD_GPS_TIME, b.anchor().reference());
      assertTrue(b.synthetic());
      assertEquals(p.frames(), b.iq().numSamples());
      assertEquals(ch.encoding().sampleType(), b.iq().type());
      int off = RtpHeader.MIN_HEADER_BYTES;
      int len = p.datagram().length - off;
      if (b.iq().type() == SampleType.INT16) {
        assertArrayEquals(ch.encoding().decodeInt16(p.datagram(), off, len), b.iq().int16());
      } else {
        assertArrayEquals(ch.encoding().decodeFloat32(p.datagram(), off, len), b.iq().float32());
      }
      assertEquals(io.tickstream.core.time.Rational.of(20000).timeNsOfIndexFloor(b.iq().firstSampleIndex()),
          b.iq().tSystemNs());
      if (prevEnd >= 0) {
        assertTrue(b.iq().firstSampleIndex() >= prevEnd, "monotonic");
        assertEquals(b.iq().firstSampleIndex() - prevEnd, b.iq().gapSamplesBefore(), "gap size");
        GapCause expected = p.packetNumber() - prevPacket > 1 ? GapCause.PACKET_LOSS
            : b.iq().gapSamplesBefore() > 0 ? GapCause.MUTED : GapCause.NONE;
        assertEquals(expected, b.gapCause(), ch.name() + " packet " + p.packetNumber());
        assertEquals(p.packetNumber() - prevPacket - 1, b.lostPackets());
      } else {
        assertEquals(sent.firstKey(), b.iq().firstSampleIndex());
        assertTrue(b.firstOfSession());
      }
      prevEnd = b.iq().endSampleIndex();
      prevPacket = p.packetNumber();
    }
  }

  @Test
  void multicastGroupsOnLoopbackDeliverTheSameExactStream() throws Exception {
    RtpIngest ingest = new RtpIngest(new ChannelRegistry(declaredFromStatus(), false), RtpIngestOptions.DEFAULTS);
    SentLog log = new SentLog();
    RtpSimulator sim = new RtpSimulator(twoChannels(), START_NS, 3_000_000_000L,
        new RtpSimulator.Impairments(0.05, 0.01, 16, 0, 0), 25, 4);
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    // radiod-style: data group from a stream name (make_maddr), status group by address
    RtpEndpoints ep = new RtpEndpoints("tickstream-test-iq.local", dp, "239.77.0.6", sp, null, "lo", 8 << 20);
    java.net.InetAddress dataGroup = RtpEndpoints.resolveGroup("tickstream-test-iq.local");
    assertTrue(dataGroup.isMulticastAddress());
    List<RtpBlock> blocks;
    try (RtpReceiver rx = new RtpReceiver(ep, ingest).open()) {
      blocks = receive(rx, plain -> {
        try (java.net.MulticastSocket s = new java.net.MulticastSocket()) {
          s.setNetworkInterface(java.net.NetworkInterface.getByName("lo"));
          s.setLoopbackMode(false); // false = loopback enabled
          sim.send(s, new InetSocketAddress(dataGroup, dp), new InetSocketAddress("239.77.0.6", sp),
              RtpSimulator.Pacing.rate(4000), log);
        }
      });
    }
    for (SimChannel ch : twoChannels()) {
      verifyChannel(ch, blocks, log);
    }
  }

  @Test
  void withoutStatusTheFirstPacketArrivalAnchorsTimeAndIsRecorded() throws Exception {
    SimChannel ch = new SimChannel("WWV_15MHz", 15000, 15e6, 20000, RtpEncoding.S16LE, 100, 120, 5, 0,
        IqSignal.tone(100, 0.1, 20000));
    RtpIngest ingest = new RtpIngest(new ChannelRegistry(List.of(
        new ChannelDeclaration("WWV_15MHz", 15e6, 15000L, 20000L, RtpEncoding.S16LE, 2, List.of("WWV"))), false),
        RtpIngestOptions.DEFAULTS);
    RtpSimulator sim = new RtpSimulator(List.of(ch), START_NS, 200_000_000L, RtpSimulator.Impairments.NONE, 1, 1);
    List<RtpBlock> blocks;
    long before = RtpReceiver.systemNowNs();
    try (RtpReceiver rx = new RtpReceiver(RtpEndpoints.unicast("127.0.0.1", 0, 0), ingest).open()) {
      InetSocketAddress data = new InetSocketAddress("127.0.0.1", rx.dataAddress().getPort());
      InetSocketAddress nowhere = new InetSocketAddress("127.0.0.1", 9); // status discarded: config only
      blocks = receive(rx, s -> sim.send(s, data, nowhere, RtpSimulator.Pacing.rate(5000), null));
    }
    long after = RtpReceiver.systemNowNs();
    assertEquals(40, blocks.size());
    RtpBlock first = blocks.get(0);
    assertEquals(TimeReference.FIRST_PACKET_ARRIVAL, first.anchor().reference());
    assertTrue(first.iq().tSystemNs() >= before - 50_000 && first.iq().tSystemNs() <= after, "arrival time");
    assertFalse(first.synthetic(), "no status seen, so nothing says synthetic");
    for (int i = 1; i < blocks.size(); i++) {
      assertEquals(blocks.get(i - 1).iq().endSampleIndex(), blocks.get(i).iq().firstSampleIndex());
      assertEquals(0, blocks.get(i).iq().gapSamplesBefore());
    }
  }

  @Test
  void restoredCursorContinuesTheMappingAndMarksTheOutageAsAGap() throws Exception {
    List<SimChannel> chans = List.of(twoChannels().get(1));
    RtpSimulator all = new RtpSimulator(chans, START_NS, 2_000_000_000L, RtpSimulator.Impairments.NONE, 25, 3);
    List<SimPacket> packets = new ArrayList<>();
    all.forEachRemaining(packets::add);
    int cut = packets.size() / 3;
    int resume = 2 * packets.size() / 3;
    RtpIngest first = new RtpIngest(new ChannelRegistry(declaredFromStatus(), false), RtpIngestOptions.DEFAULTS);
    List<RtpBlock> a = new ArrayList<>();
    long t = START_NS;
    for (SimPacket p : packets.subList(0, cut)) {
      feed(first, p, t, a);
    }
    first.flush(a::add);
    ChannelCursor cursor = ChannelCursor.after(a.get(a.size() - 1));
    RtpIngest second = new RtpIngest(new ChannelRegistry(declaredFromStatus(), false), RtpIngestOptions.DEFAULTS);
    second.restore(List.of(cursor));
    List<RtpBlock> b = new ArrayList<>();
    for (SimPacket p : packets.subList(resume, packets.size())) {
      feed(second, p, t, b);
    }
    second.flush(b::add);
    RtpBlock r = b.get(0);
    SimPacket truth = packets.subList(resume, packets.size()).stream().filter(p -> !p.status()).findFirst().orElseThrow();
    assertEquals(truth.firstSampleIndex(), r.iq().firstSampleIndex(), "same mapping after restore");
    assertEquals(GapCause.SOURCE_RESTART, r.gapCause());
    assertEquals(r.iq().firstSampleIndex() - cursor.endSampleIndex(), r.iq().gapSamplesBefore());
    assertEquals(cursor.anchor(), r.anchor());
  }

  static void feed(RtpIngest in, SimPacket p, long t, List<RtpBlock> out) {
    if (p.status()) {
      in.onStatus(p.datagram(), 0, p.datagram().length, out::add);
    } else {
      in.onData(p.datagram(), 0, p.datagram().length, t, out::add);
    }
  }

  @Test
  void countersAreConsistentPerChannel() {
    RtpIngest in = new RtpIngest(new ChannelRegistry(declaredFromStatus(), false), RtpIngestOptions.DEFAULTS);
    RtpSimulator sim = new RtpSimulator(twoChannels(), START_NS, 1_000_000_000L,
        new RtpSimulator.Impairments(0.1, 0, 0, 0, 0), 25, 9);
    List<RtpBlock> out = new ArrayList<>();
    sim.forEachRemaining(p -> feed(in, p, START_NS, out));
    in.flush(out::add);
    Map<Long, RtpCounters> per = in.channelCounters();
    assertEquals(in.counters().accepted.get(), per.values().stream().mapToLong(x -> x.accepted.get()).sum());
    assertEquals(out.size(), in.counters().accepted.get());
  }
}

package io.tickstream.connectors.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The socket receive buffer absorbs a burst sent while the receiving thread is not reading (as when
 * the graph back-pressures it): real UDP on loopback, the whole burst sent before the first read.
 */
class RtpReceiveBufferTest {
  static final int FRAMES = 320;
  static final int DATAGRAM_BYTES = RtpHeader.MIN_HEADER_BYTES + FRAMES * 8;

  record Outcome(long sent, RtpCounters counters) {}

  static Outcome burst(RtpEndpoints endpoints, int packetsOrZeroForQuarterOfBuffer) throws Exception {
    SimChannel ch = new SimChannel("WWV_10_MHz", 1010, 10e6, 20000, RtpEncoding.F32LE, FRAMES, 97, 1000, 7,
        IqSignal.tone(1000, 0.5, 20000));
    RtpIngest ingest = new RtpIngest(new ChannelRegistry(List.of(
        new ChannelDeclaration("WWV_10_MHz", 10e6, null, null, null, 2, List.of("WWV"))), false), RtpIngestOptions.DEFAULTS);
    try (RtpReceiver rx = new RtpReceiver(endpoints, ingest).open(); DatagramSocket s = new DatagramSocket()) {
      int packets = packetsOrZeroForQuarterOfBuffer > 0 ? packetsOrZeroForQuarterOfBuffer
          : rx.dataReceiveBufferBytes() / 4 / DATAGRAM_BYTES;
      RtpSimulator sim = new RtpSimulator(List.of(ch), RtpReceiverLoopbackTest.START_NS,
          packets * (long) FRAMES * 50_000L, RtpSimulator.Impairments.NONE, 25, 1);
      long sent = sim.send(s, new InetSocketAddress("127.0.0.1", rx.dataAddress().getPort()),
          new InetSocketAddress("127.0.0.1", rx.statusAddress().getPort()), RtpSimulator.Pacing.rate(0), null);
      for (int idle = 0; idle < 5; ) {
        idle = rx.poll(20, b -> {}) == 0 ? idle + 1 : 0;
      }
      ingest.flush(b -> {});
      return new Outcome(sent, ingest.counters());
    }
  }

  @Test
  void aBurstOfAQuarterOfTheGrantedBufferArrivesWhole() throws Exception {
    Outcome o = burst(RtpEndpoints.unicast("127.0.0.1", 0, 0), 0);
    long dataPackets = o.counters().accepted.get();
    assertTrue(dataPackets >= 100, "a burst of a quarter of the granted buffer: " + o.counters().summary());
    assertEquals(0, o.counters().lost.get(), o.counters().summary());
    assertEquals(o.sent(), dataPackets + o.counters().statusPackets.get(), "every datagram received: " + o.counters().summary());
  }

  @Test
  void theSameBurstOverflowsASmallBuffer() throws Exception {
    Outcome big = burst(RtpEndpoints.unicast("127.0.0.1", 0, 0), 0);
    RtpEndpoints small = new RtpEndpoints(null, 0, null, 0, "127.0.0.1", null, 65_536);
    Outcome o = burst(small, (int) big.counters().accepted.get());
    // the kernel drops what does not fit: the tail of the burst (never seen, so not counted as lost by sequence)
    assertTrue(o.counters().accepted.get() < big.counters().accepted.get(),
        "a 64 KiB buffer cannot hold the burst: " + o.counters().summary());
  }
}

package io.tickstream.connectors.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The NTP client against a real chronyd on loopback (needs Debian package chrony). */
class NtpClientChronyTest {
  private static ChronyServer chrony;

  @BeforeAll
  static void start() throws Exception {
    chrony = ChronyServer.start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (chrony != null) {
      chrony.close();
    }
  }

  @Test
  void measuresLoopbackServerWithinOneMillisecond() throws IOException {
    NtpMeasurement m = new NtpClient(Duration.ofSeconds(1)).measure(chrony.address(), 6, Duration.ofMillis(20));
    assertEquals(6, m.samples().size());
    assertTrue(m.kept().size() >= 1);
    assertEquals(0, m.failures());
    NtpSample best = m.best();
    for (NtpSample s : m.kept()) {
      assertTrue(s.delayMs() >= best.delayMs() && s.delayMs() <= best.delayMs() + Math.max(0.1 * best.delayMs(), 0.2));
    }
    for (NtpSample s : m.samples()) {
      assertTrue(m.kept().contains(s) == (s.delayMs() <= best.delayMs() + Math.max(0.1 * best.delayMs(), 0.2)));
    }
    for (NtpSample s : m.kept()) {
      assertTrue(Math.abs(s.offsetMs()) < 1.0, "offset " + s.offsetMs() + " ms from a loopback server");
      assertTrue(s.delayMs() >= 0 && s.delayMs() < 5.0, "delay " + s.delayMs());
      assertEquals(1, s.stratum());
      assertEquals(0, s.leap());
    }
    assertTrue(Math.abs(m.offsetMeanMs()) < 1.0);
    assertTrue(m.offsetStdMs() < 1.0);
    assertTrue(m.rttMeanMs() < 5.0);
  }

  @Test
  void silentServerGivesClearError() throws IOException {
    int port;
    try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    NtpClient.NtpException e = assertThrows(NtpClient.NtpException.class,
        () -> new NtpClient(Duration.ofMillis(100)).measure("127.0.0.1:" + port, 2, Duration.ZERO));
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
  }

  @Test
  void endpointParsing() {
    assertEquals(new NtpClient.Endpoint("time.nist.gov", 123), NtpClient.Endpoint.parse("time.nist.gov"));
    assertEquals(new NtpClient.Endpoint("127.0.0.1", 1234), NtpClient.Endpoint.parse("127.0.0.1:1234"));
    assertEquals(new NtpClient.Endpoint("::1", 123), NtpClient.Endpoint.parse("::1"));
    assertEquals(new NtpClient.Endpoint("::1", 99), NtpClient.Endpoint.parse("[::1]:99"));
    assertThrows(IllegalArgumentException.class, () -> NtpClient.Endpoint.parse("host:70000"));
  }

  @Test
  void ntpTimestampRoundTrip() {
    long ns = 1_754_847_000_123_456_789L;
    assertEquals(ns, NtpTime.toUnixNs(NtpTime.fromUnixNs(ns)), 1.0);
    // 2036 era rollover: 2040-01-01
    long y2040 = 2_208_988_800L * 1_000_000_000L;
    assertEquals(y2040, NtpTime.toUnixNs(NtpTime.fromUnixNs(y2040)));
  }
}

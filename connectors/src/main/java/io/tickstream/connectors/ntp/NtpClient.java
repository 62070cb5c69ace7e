package io.tickstream.connectors.ntp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SNTP/NTPv4 client (RFC 5905 client mode) with commons-net's packet codec ({@link NtpV3Impl}).
 *
 * <p>commons-net's {@code NTPUDPClient} stamps t1/t4 with millisecond {@code currentTimeMillis()},
 * which limits offsets to ±0.5 ms; this client stamps them with {@link NtpTime#nowNs()} (µs on
 * Linux) and reads t2/t3 at full 2⁻³² s resolution. Each response is checked: server mode, our
 * transmit timestamp echoed as origin (RFC 5905 §8 bogus-packet test), non-zero transmit time,
 * and stratum 0 is a kiss-o'-death whose code is reported.
 */
public final class NtpClient {
  private static final Logger LOG = LoggerFactory.getLogger(NtpClient.class);
  public static final int DEFAULT_PORT = 123;

  private final Duration timeout;
  private final int version;

  public NtpClient(Duration timeout) {
    this(timeout, 4);
  }

  public NtpClient(Duration timeout, int version) {
    this.timeout = timeout;
    this.version = version;
  }

  /** Host and port parsed from {@code host}, {@code host:port} or {@code [v6addr]:port}. */
  public record Endpoint(String host, int port) {
    public static Endpoint parse(String spec) {
      String s = spec.trim();
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty NTP server name");
      }
      if (s.startsWith("[")) {
        int close = s.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("unterminated [ in server '" + spec + "'");
        }
        String host = s.substring(1, close);
        String rest = s.substring(close + 1);
        return new Endpoint(host, rest.startsWith(":") ? port(rest.substring(1), spec) : DEFAULT_PORT);
      }
      int colon = s.lastIndexOf(':');
      if (colon > 0 && s.indexOf(':') == colon) {
        return new Endpoint(s.substring(0, colon), port(s.substring(colon + 1), spec));
      }
      return new Endpoint(s, DEFAULT_PORT);
    }

    private static int port(String p, String spec) {
      try {
        int port = Integer.parseInt(p);
        if (port < 1 || port > 65535) {
          throw new NumberFormatException();
        }
        return port;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad port '" + p + "' in server '" + spec + "'");
      }
    }

    @Override
    public String toString() {
      return port == DEFAULT_PORT ? host : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** Thrown when a server gives no usable answer. */
  public static final class NtpException extends IOException {
    public NtpException(String message) {
      super(message);
    }
  }

  /**
   * {@code n} exchanges with {@code server} (host[:port]), {@code spacing} apart, reduced by
   * minimum-delay filtering. Individual timeouts are tolerated and counted.
   *
   * @throws NtpException if no exchange succeeded (the last error is in the message)
   */
  public NtpMeasurement measure(String server, int n, Duration spacing) throws IOException {
    if (n < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + n);
    }
    Endpoint ep = Endpoint.parse(server);
    InetAddress addr = InetAddress.getByName(ep.host());
    List<NtpSample> ok = new ArrayList<>(n);
    int failures = 0;
    String lastError = null;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      for (int i = 0; i < n; i++) {
        if (i > 0 && !spacing.isZero()) {
          sleep(spacing);
        }
        try {
          ok.add(exchange(socket, new InetSocketAddress(addr, ep.port()), server));
        } catch (NtpException | SocketTimeoutException e) {
          failures++;
          lastError = e instanceof SocketTimeoutException ? "timeout after " + timeout.toMillis() + " ms" : e.getMessage();
          LOG.debug("NTP exchange {} with {} failed: {}", i, server, lastError);
        }
      }
    }
    if (ok.isEmpty()) {
      throw new NtpException("no answer from NTP server " + server + " (" + failures + " tries): " + lastError);
    }
    return NtpMeasurement.of(server, ok, failures);
  }

  /** One request/response on {@code socket}. */
  NtpSample exchange(DatagramSocket socket, InetSocketAddress to, String server) throws IOException {
    NtpV3Impl req = new NtpV3Impl();
    req.setMode(NtpV3Packet.MODE_CLIENT);
    req.setVersion(version);
    long t1 = NtpTime.nowNs();
    long t1Ntp = NtpTime.fromUnixNs(t1);
    req.setTransmitTime(new TimeStamp(t1Ntp));
    DatagramPacket out = req.getDatagramPacket();
    out.setSocketAddress(to);
    socket.send(out);
    byte[] buf = new byte[512];
    DatagramPacket in = new DatagramPacket(buf, buf.length);
    NtpV3Impl resp = new NtpV3Impl();
    while (true) {
      socket.receive(in);
      long t4 = NtpTime.nowNs();
      if (in.getLength() < 48) {
        throw new NtpException("short NTP packet (" + in.getLength() + " bytes) from " + server);
      }
      resp.setDatagramPacket(in);
      if (resp.getOriginateTimeStamp().ntpValue() != t1Ntp) {
        LOG.debug("ignoring stale/bogus NTP reply from {} (origin mismatch)", server);
        continue; // late reply to an earlier request: keep waiting for ours
      }
      if (resp.getMode() != NtpV3Packet.MODE_SERVER) {
        throw new NtpException("NTP reply from " + server + " has mode " + resp.getMode() + ", expected 4 (server)");
      }
      if (resp.getStratum() == 0) {
        throw new NtpException("kiss-o'-death " + kissCode(resp.getReferenceId()) + " from " + server);
      }
      long t3Ntp = resp.getTransmitTimeStamp().ntpValue();
      if (t3Ntp == 0) {
        throw new NtpException("NTP reply from " + server + " has zero transmit time");
      }
      return new NtpSample(t1, NtpTime.toUnixNs(resp.getReceiveTimeStamp().ntpValue()), NtpTime.toUnixNs(t3Ntp), t4,
          resp.getLeapIndicator(), resp.getStratum(), refIdText(resp), resp.getVersion(),
          resp.getRootDelayInMillisDouble(), resp.getRootDispersionInMillisDouble());
    }
  }

  /** Reference id: ASCII code (GPS, LOCL, …) at stratum ≤ 1 if printable, else a dotted quad. */
  private static String refIdText(NtpV3Impl p) {
    int id = p.getReferenceId();
    if (p.getStratum() <= 1) {
      String code = kissCode(id);
      if (!code.isEmpty() && code.indexOf('?') < 0) {
        return code;
      }
    }
    return ((id >>> 24) & 0xff) + "." + ((id >>> 16) & 0xff) + "." + ((id >>> 8) & 0xff) + "." + (id & 0xff);
  }

  private static String kissCode(int id) {
    StringBuilder sb = new StringBuilder(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      int c = (id >>> shift) & 0xff;
      if (c == 0) {
        break;
      }
      sb.append(c >= 32 && c < 127 ? (char) c : '?');
    }
    return sb.toString();
  }

  private static void sleep(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting between NTP samples");
    }
  }
}

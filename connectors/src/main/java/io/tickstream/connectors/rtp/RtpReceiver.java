package io.tickstream.connectors.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The radiod receiver: a data socket (default port 5004) and a status socket (5006), unicast or
 * multicast ({@link RtpEndpoints}), feeding an {@link RtpIngest}. Single-threaded: call
 * {@link #poll} in a loop.
 */
public final class RtpReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RtpReceiver.class);
  private static final int MAX_DATAGRAM = 65_536;

  private final RtpEndpoints endpoints;
  private final RtpIngest ingest;
  private final LongSupplier clockNs;
  private final byte[] buf = new byte[MAX_DATAGRAM];
  private final ByteBuffer bb = ByteBuffer.wrap(buf);
  private Selector selector;
  private DatagramChannel data;
  private DatagramChannel status;

  public RtpReceiver(RtpEndpoints endpoints, RtpIngest ingest) {
    this(endpoints, ingest, RtpReceiver::systemNowNs);
  }

  public RtpReceiver(RtpEndpoints endpoints, RtpIngest ingest, LongSupplier clockNs) {
    this.endpoints = endpoints;
    this.ingest = ingest;
    this.clockNs = clockNs;
  }

  /** System time in ns since the epoch (µs resolution on Linux). */
  public static long systemNowNs() {
    Instant i = Instant.now();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  public RtpIngest ingest() {
    return ingest;
  }

  /** Opens and binds the sockets and joins the multicast groups. */
  public RtpReceiver open() throws IOException {
    selector = Selector.open();
    List<InetAddress> dataGroups = new ArrayList<>();
    if (endpoints.dataGroup() != null) {
      dataGroups.add(RtpEndpoints.resolveGroup(endpoints.dataGroup()));
    }
    List<InetAddress> statusGroups = new ArrayList<>(dataGroups);
    if (endpoints.statusGroup() != null) {
      statusGroups.add(RtpEndpoints.resolveGroup(endpoints.statusGroup()));
    }
    data = openSocket(endpoints.dataPort(), dataGroups, "data");
    status = openSocket(endpoints.statusPort(), statusGroups, "status");
    data.register(selector, SelectionKey.OP_READ, Boolean.TRUE);
    status.register(selector, SelectionKey.OP_READ, Boolean.FALSE);
    return this;
  }

  private DatagramChannel openSocket(int port, List<InetAddress> groups, String what) throws IOException {
    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.setOption(StandardSocketOptions.SO_RCVBUF, endpoints.receiveBufferBytes());
      InetSocketAddress bindTo = groups.isEmpty() && endpoints.bindAddress() != null
          ? new InetSocketAddress(endpoints.bindAddress(), port) : new InetSocketAddress(port);
      ch.bind(bindTo);
      ch.configureBlocking(false);
      NetworkInterface ni = groups.isEmpty() ? null : multicastInterface();
      for (InetAddress g : groups) {
        ch.join(g, ni);
      }
      int rcv = ch.getOption(StandardSocketOptions.SO_RCVBUF);
      LOG.info("RTP {} socket bound to {}{}, receive buffer {} bytes", what, ch.getLocalAddress(),
          groups.isEmpty() ? "" : " joined " + groups + " on " + ni.getName(), rcv);
      if (rcv < endpoints.receiveBufferBytes() && "data".equals(what)) {
        LOG.warn("RTP {} socket: the kernel granted a {} byte receive buffer of the {} requested (capped by"
            + " net.core.rmem_max{}); packets arriving while the receiving thread is blocked beyond that are lost."
            + " Raise the cap with `sysctl -w net.core.rmem_max={}`", what, rcv, endpoints.receiveBufferBytes(),
            rmemMax(), endpoints.receiveBufferBytes());
      }
      return ch;
    } catch (IOException e) {
      ch.close();
      throw new IOException("cannot open RTP " + what + " socket on port " + port
          + (groups.isEmpty() ? "" : " (multicast " + groups + ")") + ": " + e.getMessage(), e);
    }
  }

  /** " = N" from /proc (Linux), or "" where it cannot be read. */
  private static String rmemMax() {
    try {
      try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("/proc/sys/net/core/rmem_max"))) {
        String line = r.readLine();
        return line == null ? "" : " = " + line.trim();
      }
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** Receive buffer the kernel granted the data socket (bytes, as {@code SO_RCVBUF} reports it). */
  public int dataReceiveBufferBytes() throws IOException {
    return data.getOption(StandardSocketOptions.SO_RCVBUF);
  }

  private NetworkInterface multicastInterface() throws SocketException {
    if (endpoints.interfaceName() != null) {
      NetworkInterface ni = NetworkInterface.getByName(endpoints.interfaceName());
      if (ni == null) {
        throw new SocketException("no network interface named " + endpoints.interfaceName());
      }
      return ni;
    }
    for (NetworkInterface ni : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (ni.isUp() && ni.supportsMulticast() && !ni.isLoopback()) {
        return ni;
      }
    }
    return NetworkInterface.getByName("lo");
  }

  /** Local address of the data socket (its port when bound to port 0). */
  public InetSocketAddress dataAddress() throws IOException {
    return (InetSocketAddress) data.getLocalAddress();
  }

  public InetSocketAddress statusAddress() throws IOException {
    return (InetSocketAddress) status.getLocalAddress();
  }

  /**
   * Waits up to {@code timeoutMs} for datagrams, processes every datagram already queued on both
   * sockets, then releases packets whose hold time expired. Returns the number of datagrams read.
   */
  public int poll(long timeoutMs, Consumer<RtpBlock> out) throws IOException {
    int n = 0;
    if (selector.select(Math.max(1, timeoutMs)) > 0) {
      selector.selectedKeys().clear();
      // status first, so a channel announced in this batch decodes its data in the same batch
      n += drain(status, false, out);
      n += drain(data, true, out);
    }
    ingest.expire(clockNs.getAsLong(), out);
    return n;
  }

  private int drain(DatagramChannel ch, boolean isData, Consumer<RtpBlock> out) throws IOException {
    int n = 0;
    while (true) {
      bb.clear();
      if (ch.receive(bb) == null) {
        return n;
      }
      n++;
      long now = clockNs.getAsLong();
      if (isData) {
        ingest.onData(buf, 0, bb.position(), now, out);
      } else {
        ingest.onStatus(buf, 0, bb.position(), out);
      }
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (AutoCloseable c : new AutoCloseable[] {data, status, selector}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof IOException io ? io : new IOException(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

package io.tickstream.connectors.rtp;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Where to listen. With a multicast group the socket binds the wildcard address on the port and
 * joins the group (data group on the data port; the status group and the data group on the status
 * port, since radiod sends each channel's status to its data group on port 5006 too, DOMAIN.md §2.1).
 * Without a group it is plain unicast on {@code bindAddress} (null = all addresses).
 *
 * @param dataGroup multicast group of the RTP data, or null for unicast
 * @param statusGroup multicast group of radiod status, or null
 * @param interfaceName network interface for multicast joins, or null for the system default
 * @param receiveBufferBytes requested SO_RCVBUF (the kernel caps it at net.core.rmem_max)
 */
public record RtpEndpoints(String dataGroup, int dataPort, String statusGroup, int statusPort, String bindAddress,
    String interfaceName, int receiveBufferBytes) implements Serializable {

  public static final int DEFAULT_DATA_PORT = 5004;
  public static final int DEFAULT_STATUS_PORT = 5006;

  /** Unicast on all addresses, default ports. */
  public static RtpEndpoints unicast(String bindAddress, int dataPort, int statusPort) {
    return new RtpEndpoints(null, dataPort, null, statusPort, bindAddress, null, 8 << 20);
  }

  /**
   * Resolves a group given as an address literal or as a radiod name such as {@code wwv-iq.local}:
   * a name is first looked up (mDNS via the system resolver), and when that fails derived as radiod
   * does, {@code make_maddr(name) = 239.0.0.0 | (FNV-1(name) & 0xffffff)}, with
   * {@code addr |= (addr & 0xff) << 8} when {@code (addr & 0x007fff00) == 0}, then {@code |= 0x00100000}
   * (ka9q/ka9q-radio:src/misc.c; DOMAIN.md §2.1).
   */
  public static InetAddress resolveGroup(String group) throws UnknownHostException {
    if (group.matches("[0-9.]+") || group.contains(":")) {
      return InetAddress.getByName(group);
    }
    try {
      return InetAddress.getByName(group);
    } catch (UnknownHostException e) {
      return InetAddress.getByAddress(toBytes(makeMaddr(group)));
    }
  }

  /** radiod's derived multicast address of a stream name (see {@link #resolveGroup}). */
  public static int makeMaddr(String name) {
    int h = 0x811c9dc5;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h *= 0x01000193;
      h ^= b & 0xff;
    }
    int addr = 0xef000000 | (h & 0xffffff);
    if ((addr & 0x007fff00) == 0) {
      addr |= (addr & 0xff) << 8;
    }
    return addr | 0x00100000;
  }

  private static byte[] toBytes(int a) {
    return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
  }
}

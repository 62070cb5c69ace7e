package io.tickstream.connectors.ntp;

/**
 * One client/server NTP exchange (RFC 5905 §8): t1 client transmit, t2 server receive, t3 server
 * transmit, t4 client receive (ns since the epoch; t1/t4 on the local clock, t2/t3 on the server's).
 *
 * <pre>  offset θ = ((t2 − t1) + (t3 − t4)) / 2      delay δ = (t4 − t1) − (t3 − t2)</pre>
 *
 * θ is server time minus local time (positive: the local clock is slow).
 *
 * @param leap leap indicator 0–3 (3 = server unsynchronised)
 * @param stratum server stratum (0 = kiss-o'-death / unspecified)
 * @param refId reference id as text (IPv4 address or 4-character code such as {@code LOCL})
 * @param rootDelayMs server's root delay, ms
 * @param rootDispersionMs server's root dispersion, ms
 */
public record NtpSample(
    long t1Ns,
    long t2Ns,
    long t3Ns,
    long t4Ns,
    int leap,
    int stratum,
    String refId,
    int version,
    double rootDelayMs,
    double rootDispersionMs) {

  /** θ in ms. */
  public double offsetMs() {
    return ((double) (t2Ns - t1Ns) + (double) (t3Ns - t4Ns)) / 2e6;
  }

  /** δ in ms (round trip minus server processing). */
  public double delayMs() {
    return ((double) (t4Ns - t1Ns) - (double) (t3Ns - t2Ns)) / 1e6;
  }

  /** RFC 5905 leap indicator as text: none, +1 s, −1 s, unsynchronised. */
  public String leapName() {
    return switch (leap) {
      case 0 -> "none";
      case 1 -> "insert (+1 s)";
      case 2 -> "delete (-1 s)";
      default -> "unsynchronised";
    };
  }
}

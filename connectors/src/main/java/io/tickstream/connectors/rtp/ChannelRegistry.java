package io.tickstream.connectors.rtp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSRC → channel map, from configuration and radiod status packets (DOMAIN.md §2.3–2.4: never infer
 * the frequency from the SSRC; take it from status).
 *
 * <p>A declared channel with an SSRC takes rate/encoding/payload type from that SSRC's status. A
 * declared channel "from status" claims the first status whose {@code RADIO_FREQUENCY} is within
 * {@value #FREQUENCY_TOLERANCE_HZ} Hz of its frequency. With {@code discover}, every other SSRC seen in
 * status becomes a channel named {@code SSRC_<n>} (used by {@code rtp listen}); otherwise its packets
 * count as unknown SSRC.
 */
public final class ChannelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelRegistry.class);
  static final double FREQUENCY_TOLERANCE_HZ = 1.0;

  private final List<ChannelDeclaration> unclaimed = new ArrayList<>();
  private final Map<Long, ChannelSpec> bySsrc = new LinkedHashMap<>();
  private final Map<Long, RadiodStatus> lastStatus = new LinkedHashMap<>();
  private final boolean discover;

  public ChannelRegistry(Collection<ChannelDeclaration> declared, boolean discover) {
    this.discover = discover;
    for (ChannelDeclaration d : declared) {
      if (d.ssrc() != null) {
        bySsrc.put(d.ssrc(), d.initialSpec());
      } else {
        unclaimed.add(d);
      }
    }
  }

  /** The spec of {@code ssrc}, or null when the SSRC is not (yet) known. */
  public ChannelSpec lookup(long ssrc) {
    return bySsrc.get(ssrc);
  }

  /** Latest status of {@code ssrc}, or null. */
  public RadiodStatus status(long ssrc) {
    return lastStatus.get(ssrc);
  }

  /** All channels known so far. */
  public Collection<ChannelSpec> channels() {
    return bySsrc.values();
  }

  /** Declared channels still waiting for a status packet with their frequency. */
  public List<ChannelDeclaration> unclaimed() {
    return List.copyOf(unclaimed);
  }

  /** Applies a status packet; returns the updated spec, or null when the SSRC is not ours. */
  public ChannelSpec onStatus(RadiodStatus s) {
    long ssrc = s.ssrc();
    ChannelSpec spec = bySsrc.get(ssrc);
    if (spec == null) {
      ChannelDeclaration claim = null;
      if (s.frequencyHz() != null) {
        for (ChannelDeclaration d : unclaimed) {
          if (Math.abs(d.frequencyHz() - s.frequencyHz()) <= FREQUENCY_TOLERANCE_HZ) {
            claim = d;
            break;
          }
        }
      }
      if (claim != null) {
        unclaimed.remove(claim);
        spec = claim.initialSpec();
        LOG.info("channel {} is SSRC {} ({} Hz) from radiod status", claim.name(), ssrc, s.frequencyHz());
      } else if (discover) {
        spec = new ChannelSpec("SSRC_" + ssrc, ssrc, Double.NaN, 0, 0, null, -1, true, false);
      } else {
        return null;
      }
    }
    lastStatus.put(ssrc, s);
    ChannelSpec updated = spec.withStatus(s);
    if (!updated.equals(spec)) {
      if (spec.isComplete() && (spec.sampleRateHz() != updated.sampleRateHz() || spec.encoding() != updated.encoding()
          || spec.channels() != updated.channels())) {
        LOG.warn("channel {} (SSRC {}) changed format: {} → {}", spec.name(), ssrc, spec, updated);
      }
      bySsrc.put(ssrc, updated);
    }
    return updated;
  }
}

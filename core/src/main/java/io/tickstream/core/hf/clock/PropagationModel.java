package io.tickstream.core.hf.clock;

import java.util.ArrayList;
import java.util.List;

/**
 * Propagation delay of every plausible mode between a transmitter and a receiver.
 *
 * <p><b>Delay</b> of an N-hop mode: {@code τ = P/c + τ_iono}. The group path P is N equal hops of
 * {@link HopGeometry} over a spherical Earth at the layer's virtual height (Breit–Tuve: the group
 * path through the reflecting layer equals the path of a mirror reflection at the virtual height).
 * The F virtual height depends on the equivalent vertical frequency {@code fv = f·cos i}
 * (secant law), solved by fixed-point iteration (3 passes). Mixed EF: one E hop and one F hop
 * with equal elevation angles (a ground reflection preserves elevation), split found by bisection.
 * Ground wave: {@code τ = d·n/c} with surface group index n = 1.0003.
 *
 * <p><b>Ionospheric group delay</b> of the D/E content crossed (twice per hop) below the
 * reflection: {@code τ_iono = K·TEC·2·S/f²}, {@code K = 40.3·10¹⁶/(c·10¹²) s =}
 * {@value #IONO_DELAY_MS_MHZ2_PER_TECU} ms·MHz²/TECU (first-order Appleton–Hartree group delay,
 * 40.3 m³/s²; DOMAIN.md §1.6: the incumbent's code constant 1.344 is right, its comment "≈0.1345"
 * is 10× off), S the thin-shell slant factor at 100 km ({@link HopGeometry#slantFactor}). For E modes
 * only a quarter of the underlying content (the D region) is crossed. The retardation inside the
 * reflecting layer itself is already in the virtual height and is not added again.
 *
 * <p><b>Prior weight</b> (physical plausibility) multiplies: elevation &lt; 0 → impossible, &lt; 3° ×0.3,
 * &lt; 10° ×0.7 (incumbent's plausibility, DOMAIN.md §1.6); E hop with {@code fv > foE} ×0.1
 * (sporadic E only); F hop with {@code fv > foF2} ×0.05 (above the MUF); F hop screened by the
 * E layer ({@code f·cos i_E < foE} at 110 km) ×0.2; each extra F hop ×0.6; EF ×0.3; GW only below
 * 300 km, weight {@code exp(−d/100 km)}.
 */
public final class PropagationModel {
  /** Speed of light in vacuum, km/s. */
  public static final double C_KM_PER_S = 299_792.458;
  /** First-order ionospheric group delay constant, ms·MHz²/TECU = 40.3·1e16/(c[m/s]·1e12)·1e3. */
  public static final double IONO_DELAY_MS_MHZ2_PER_TECU = 40.3e16 / (299_792_458.0 * 1e12) * 1e3;
  /** Ground-wave group index of the surface atmosphere. */
  public static final double GROUND_WAVE_INDEX = 1.0003;
  /** Longest path for which ground wave is considered, km. */
  public static final double MAX_GROUND_WAVE_KM = 300.0;

  private final IonosphereModel ionosphere;

  public PropagationModel(IonosphereModel ionosphere) {
    this.ionosphere = ionosphere;
  }

  public IonosphereModel ionosphere() {
    return ionosphere;
  }

  /** Every geometrically possible mode (elevation ≥ 0), with delay and prior weight. */
  public List<ModePath> candidates(Transmitter tx, GeoPoint receiver, double frequencyMHz,
      long tUtcNs) {
    return candidates(tx.location(), receiver, frequencyMHz, tUtcNs);
  }

  /** As {@link #candidates(Transmitter, GeoPoint, double, long)} for an arbitrary transmitter site. */
  public List<ModePath> candidates(GeoPoint tx, GeoPoint receiver, double frequencyMHz,
      long tUtcNs) {
    if (!(frequencyMHz > 0)) {
      throw new IllegalArgumentException("frequency must be > 0 MHz: " + frequencyMHz);
    }
    double d = GreatCircle.distanceKm(tx, receiver);
    IonosphereState iono = ionosphere.at(GreatCircle.midpoint(tx, receiver), tUtcNs);
    List<ModePath> out = new ArrayList<>();
    for (PropagationMode m : PropagationMode.values()) {
      ModePath p = path(m, d, frequencyMHz, iono);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /** The path of one mode, or null when geometrically impossible. */
  public ModePath path(PropagationMode mode, double groundKm, double f, IonosphereState iono) {
    if (mode == PropagationMode.GW) {
      if (groundKm > MAX_GROUND_WAVE_KM) {
        return null;
      }
      double tau = groundKm * GROUND_WAVE_INDEX / C_KM_PER_S * 1e3;
      return new ModePath(mode, groundKm, 0, groundKm, 0, tau, 0, tau, 0,
          Math.exp(-groundKm / 100.0));
    }
    Delay base = delay(mode, groundKm, f, iono, 0.0);
    if (base == null) {
      return null;
    }
    Delay up = delay(mode, groundKm, f, iono, 1.0);
    double sens = up == null ? 0.0 : up.total() - base.total();
    return new ModePath(mode, groundKm, base.heightKm, base.pathKm, base.elevationDeg,
        base.geoMs, base.ionoMs, base.total(), sens, base.weight);
  }

  private record Delay(double heightKm, double pathKm, double elevationDeg, double geoMs,
      double ionoMs, double weight) {
    double total() {
      return geoMs + ionoMs;
    }
  }

  private Delay delay(PropagationMode mode, double d, double f, IonosphereState iono, double dh) {
    double k = IONO_DELAY_MS_MHZ2_PER_TECU / (f * f);
    if (mode.layer() == PropagationMode.Layer.MIXED) {
      double hE = iono.eVirtualHeightKm() + dh;
      HopGeometry[] hops = mixedHops(d, hE, f, iono, dh);
      if (hops == null) {
        return null;
      }
      HopGeometry e = hops[0];
      HopGeometry fh = hops[1];
      double path = e.pathKm() + fh.pathKm();
      double ionoMs = k * iono.underlyingTecu() * 2
          * (0.25 * e.slantFactor(100) + fh.slantFactor(100));
      double w = 0.3 * elevationWeight(e.elevationDeg())
          * eLayerWeight(e, f, iono) * fLayerWeight(fh, f, iono);
      return new Delay(fh.heightKm(), path, e.elevationDeg(), path / C_KM_PER_S * 1e3, ionoMs, w);
    }
    int n = mode.hops();
    double hopKm = d / n;
    HopGeometry hop;
    double weight;
    double tecFraction;
    if (mode.layer() == PropagationMode.Layer.E) {
      hop = HopGeometry.of(hopKm, iono.eVirtualHeightKm() + dh);
      weight = eLayerWeight(hop, f, iono);
      tecFraction = 0.25;
    } else {
      hop = fHop(hopKm, f, iono, dh);
      weight = fLayerWeight(hop, f, iono) * Math.pow(0.6, n - 1);
      tecFraction = 1.0;
    }
    if (hop.elevationDeg() < 0) {
      return null;
    }
    weight *= elevationWeight(hop.elevationDeg());
    double path = n * hop.pathKm();
    double ionoMs = n * k * iono.underlyingTecu() * tecFraction * 2 * hop.slantFactor(100);
    return new Delay(hop.heightKm(), path, hop.elevationDeg(), path / C_KM_PER_S * 1e3, ionoMs,
        weight);
  }

  /** F hop with the frequency-dependent virtual height (fixed point over the incidence angle). */
  private static HopGeometry fHop(double hopKm, double f, IonosphereState iono, double dh) {
    HopGeometry hop = HopGeometry.of(hopKm, iono.fBaseVirtualHeightKm() + dh);
    for (int i = 0; i < 3; i++) {
      double fv = f * Math.cos(Math.toRadians(hop.incidenceDeg()));
      hop = HopGeometry.of(hopKm, iono.fVirtualHeightKm(fv) + dh);
    }
    return hop;
  }

  /** E hop + F hop of equal elevation covering {@code d}; null when impossible. */
  private static HopGeometry[] mixedHops(double d, double hE, double f, IonosphereState iono,
      double dh) {
    double lo = 0.0;
    double hi = d;
    HopGeometry e = null;
    HopGeometry fh = null;
    for (int i = 0; i < 30; i++) {
      double gE = (lo + hi) / 2;
      e = HopGeometry.of(gE, hE);
      fh = fHop(d - gE, f, iono, dh);
      // a longer E hop lowers its elevation; equal elevations balance the split
      if (e.elevationDeg() > fh.elevationDeg()) {
        lo = gE;
      } else {
        hi = gE;
      }
    }
    if (e.elevationDeg() < 0 || fh.elevationDeg() < 0) {
      return null;
    }
    return new HopGeometry[] {e, fh};
  }

  private static double elevationWeight(double elevationDeg) {
    if (elevationDeg < 3) {
      return 0.3;
    }
    return elevationDeg < 10 ? 0.7 : 1.0;
  }

  private static double eLayerWeight(HopGeometry hop, double f, IonosphereState iono) {
    double fv = f * Math.cos(Math.toRadians(hop.incidenceDeg()));
    return fv > iono.foEMHz() ? 0.1 : 1.0;
  }

  private static double fLayerWeight(HopGeometry hop, double f, IonosphereState iono) {
    double fv = f * Math.cos(Math.toRadians(hop.incidenceDeg()));
    double w = fv > iono.foF2MHz() ? 0.05 : 1.0;
    double r = GreatCircle.EARTH_RADIUS_KM;
    double sinIE = r * Math.cos(Math.toRadians(hop.elevationDeg())) / (r + 110.0);
    double fvE = f * Math.sqrt(Math.max(0.0, 1 - sinIE * sinIE));
    if (fvE < iono.foEMHz()) {
      w *= 0.2;
    }
    return w;
  }
}

package io.tickstream.core.hf.clock;

/**
 * Propagation modes considered by the solver (DOMAIN.md §1.6; seeds/003 §4.3). Labels are the
 * strings written to CSV ({@code propagation_mode}).
 */
public enum PropagationMode {
  /** Ground wave along the surface (short paths only). */
  GW("GW", 0, Layer.NONE),
  /** One hop off the E layer. */
  E1("1E", 1, Layer.E),
  /** One hop off the F layer. */
  F1("1F", 1, Layer.F),
  /** Two hops off the F layer. */
  F2("2F", 2, Layer.F),
  /** Three hops off the F layer. */
  F3("3F", 3, Layer.F),
  /** Mixed: one E hop and one F hop (two hops of different heights). */
  EF("EF", 2, Layer.MIXED);

  /** Reflecting layer of a mode. */
  public enum Layer { NONE, E, F, MIXED }

  private final String label;
  private final int hops;
  private final Layer layer;

  PropagationMode(String label, int hops, Layer layer) {
    this.label = label;
    this.hops = hops;
    this.layer = layer;
  }

  public String label() {
    return label;
  }

  /** Number of ionospheric reflections (0 for ground wave). */
  public int hops() {
    return hops;
  }

  public Layer layer() {
    return layer;
  }

  /** Parses a CSV label ("1F", "GW", ...). */
  public static PropagationMode fromLabel(String label) {
    for (PropagationMode m : values()) {
      if (m.label.equalsIgnoreCase(label.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown propagation mode '" + label
        + "' (expected GW, 1E, 1F, 2F, 3F or EF)");
  }
}

package io.tickstream.core.hf;

/** Outcome of station discrimination for one minute on one channel. */
public enum DominantStation {
  WWV,
  WWVH,
  /** WWV and WWVH both present with comparable strength (normalised score margin below threshold). */
  BOTH,
  CHU,
  /** No station evidence above threshold. */
  NONE
}

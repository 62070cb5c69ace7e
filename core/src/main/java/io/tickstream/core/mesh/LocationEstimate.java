package io.tickstream.core.mesh;

/**
 * A location estimate of a set of offsets.
 *
 * @param valueMs the estimate, ms
 * @param stdErrMs its standard uncertainty (standard error), ms; NaN when it cannot be estimated
 *     (fewer than two observations)
 * @param nUsed observations that carried weight in the estimate
 */
public record LocationEstimate(double valueMs, double stdErrMs, int nUsed) {}

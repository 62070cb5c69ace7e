package io.tickstream.core.hf.clock;

/**
 * One candidate propagation path from a transmitter to the receiver.
 *
 * @param mode the mode
 * @param groundKm great-circle ground distance
 * @param reflectionHeightKm virtual reflection height used (F height for EF, 0 for GW)
 * @param pathKm total group path length of the geometric ray
 * @param elevationDeg take-off/arrival elevation angle
 * @param geometricDelayMs {@code pathKm/c}
 * @param ionoDelayMs ionospheric group delay of the electron content crossed below the
 *     reflecting layer
 * @param delayMs total propagation delay {@code geometricDelayMs + ionoDelayMs}
 * @param heightSensitivityMsPerKm ∂delay/∂h (numerical, +1 km on every reflecting layer)
 * @param priorWeight physical plausibility of the mode in (0, 1] (elevation, MUF, screening,
 *     hop count), before any measurement evidence
 */
public record ModePath(PropagationMode mode, double groundKm, double reflectionHeightKm,
    double pathKm, double elevationDeg, double geometricDelayMs, double ionoDelayMs,
    double delayMs, double heightSensitivityMsPerKm, double priorWeight) {}

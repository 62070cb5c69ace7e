package io.tickstream.connectors.gap;

import io.tickstream.core.gap.PhaseGapFitter;
import java.io.Serializable;

/**
 * One phase-gap fit ready to store: {@code phase_gap_fit} always; {@code phase_gap_history} when
 * {@code authoritative} (not for advisory streams such as mesh consensus).
 *
 * @param provenanceJson streams, window, parameters, git commit, ingest run (JSON object)
 */
public record PhaseGapRecord(String streamKey, String methodVersion, PhaseGapFitter.Result fit,
                             String paramsJson, String provenanceJson, long ingestRunId,
                             boolean authoritative) implements Serializable {}

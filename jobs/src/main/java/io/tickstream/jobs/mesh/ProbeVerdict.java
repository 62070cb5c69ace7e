package io.tickstream.jobs.mesh;

import io.tickstream.core.mesh.MeshProbe;

/**
 * A probe with its acceptance verdict ({@code ntp_probe.accepted}, {@code reject_reason}) and the raw
 * JSON it arrived as ({@code ntp_probe.raw}, may be null).
 */
public record ProbeVerdict(MeshProbe probe, String raw, boolean accepted, String rejectReason) {}

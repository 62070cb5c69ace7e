package io.tickstream.core.mesh;

import java.util.List;

/**
 * Consensus of the mesh at one time: one estimate per method (rows of {@code mesh_consensus}, keyed
 * by {@code (t_utc, method)}), with the window's quorum counts and {@link ConsensusFlags}.
 *
 * @param tUtcNs consensus time (window centre), ns since the epoch
 * @param nProbes accepted probes in the window
 * @param nNodes distinct nodes among them
 * @param nServers distinct servers among them
 * @param flags {@link ConsensusFlags} bits, shared by all methods of the window
 * @param estimates one per method, in {@link MeshConsensus#METHODS} order
 * @param falsetickers servers the intersection step rejected
 */
public record WindowConsensus(
    long tUtcNs,
    int nProbes,
    int nNodes,
    int nServers,
    int flags,
    List<MethodEstimate> estimates,
    List<String> falsetickers) {

  public WindowConsensus {
    estimates = List.copyOf(estimates);
    falsetickers = List.copyOf(falsetickers);
  }

  /** The estimate of {@code method}; throws if absent. */
  public MethodEstimate estimate(String method) {
    return estimates.stream().filter(e -> e.method().equals(method)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no estimate for method " + method));
  }

  /**
   * One method's consensus offset.
   *
   * @param method {@code huber}, {@code median} or {@code intersection}
   * @param offsetMs consensus offset, ms ({@code mesh_consensus.consensus_offset_ms})
   * @param stdMs its standard uncertainty, ms ({@code consensus_std_ms}); NaN if not estimable
   */
  public record MethodEstimate(String method, double offsetMs, double stdMs) {}
}

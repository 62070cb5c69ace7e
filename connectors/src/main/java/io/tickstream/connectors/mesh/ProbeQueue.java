package io.tickstream.connectors.mesh;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bounded in-memory hand-over between {@code POST /api/mesh_ingest} and the embedded mesh job
 * (no Kafka): the API offers each payload's probes all-or-nothing, the job's source polls them. It is
 * found by id in a JVM-wide registry (the job graph is serialised, the queue is not), as Flink's own
 * in-process test sources do, so it only works with Flink's local execution in the same JVM.
 *
 * <p>Full → {@link #offerAll} refuses (the caller answers 503); {@link #close()} refuses further
 * offers and lets the reader drain what is queued and then end its input.
 */
public final class ProbeQueue {
  private static final Map<String, ProbeQueue> REGISTRY = new ConcurrentHashMap<>();

  private final String id;
  private final int capacity;
  private final ArrayDeque<ProbeCodec.Envelope> items = new ArrayDeque<>();
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private boolean closed;
  private long offered;
  private long refusedFull;

  private ProbeQueue(String id, int capacity) {
    this.id = id;
    this.capacity = capacity;
  }

  /** A new registered queue holding at most {@code capacity} probes. */
  public static ProbeQueue create(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("mesh probe queue capacity must be >= 1, got " + capacity);
    }
    ProbeQueue q = new ProbeQueue("mesh-probes-" + UUID.randomUUID(), capacity);
    REGISTRY.put(q.id, q);
    return q;
  }

  /** The registered queue {@code id}; fails if it is not in this JVM (e.g. the job runs on a cluster). */
  public static ProbeQueue lookup(String id) {
    ProbeQueue q = REGISTRY.get(id);
    if (q == null) {
      throw new IllegalStateException("no in-process mesh probe queue '" + id
          + "': the embedded mesh job must run in the JVM of the API server (use Kafka for a cluster)");
    }
    return q;
  }

  public String id() {
    return id;
  }

  public int capacity() {
    return capacity;
  }

  /** Enqueues all of {@code probes} or none: false (and counted) when they do not fit. */
  public synchronized boolean offerAll(List<ProbeCodec.Envelope> probes) {
    if (closed) {
      throw new IllegalStateException("mesh probe queue is closed (server stopping)");
    }
    if (items.size() + probes.size() > capacity) {
      refusedFull += probes.size();
      return false;
    }
    items.addAll(probes);
    offered += probes.size();
    available.complete(null);
    return true;
  }

  /** The next probe, or null if none is queued now. */
  public synchronized ProbeCodec.Envelope poll() {
    return items.poll();
  }

  /** Completes when a probe is queued or the queue is closed. */
  public synchronized CompletableFuture<Void> available() {
    if (!items.isEmpty() || closed) {
      return CompletableFuture.completedFuture(null);
    }
    if (available.isDone()) {
      available = new CompletableFuture<>();
    }
    return available;
  }

  /** Closed and empty: the reader has taken everything. */
  public synchronized boolean drained() {
    return closed && items.isEmpty();
  }

  /** Refuses further offers; what is queued is still handed out. */
  public synchronized void close() {
    closed = true;
    available.complete(null);
  }

  /** Removes the queue from the registry (after the job ended). */
  public void unregister() {
    REGISTRY.remove(id, this);
  }

  public synchronized int size() {
    return items.size();
  }

  /** Probes accepted into the queue since start. */
  public synchronized long offered() {
    return offered;
  }

  /** Probes refused because the queue was full. */
  public synchronized long refusedFull() {
    return refusedFull;
  }
}

package io.tickstream.cli.hf;

import io.tickstream.jobs.hf.ClockOffsetRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * What {@code tickstream bench hf-latency} observes, in wall-clock ns since the epoch: when the
 * simulated system clock started (and how fast it runs), when each channel's samples were handed to
 * the graph, when each clock-offset row reached a sink and when it became visible in the database.
 *
 * <p>The embedded MiniCluster runs in this JVM, so the graph's sink ({@link ArrivalSink}) and the
 * feeder find the log by its id in a static registry; it is not meant for a cluster.
 */
final class LatencyLog {
  private static final Map<String, LatencyLog> BY_ID = new ConcurrentHashMap<>();

  /** A row that reached the sink ({@code arrivalWallNs}) or the database ({@code committedWallNs}). */
  record Arrival(String channel, long minuteStartSystemNs, long wallNs) {}

  private final String id;
  private volatile long wallStartNs = Long.MIN_VALUE;
  private volatile long simStartNs;
  private final double speed;
  private final Map<String, Handed> handed = new ConcurrentHashMap<>();
  private final List<Arrival> arrivals = new ArrayList<>();
  private final Map<String, Long> committed = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong feedCpuNs = new java.util.concurrent.atomic.AtomicLong();

  private LatencyLog(String id, double speed) {
    this.id = id;
    this.speed = speed;
  }

  static LatencyLog create(double speed) {
    LatencyLog log = new LatencyLog(java.util.UUID.randomUUID().toString(), speed);
    BY_ID.put(log.id, log);
    return log;
  }

  static LatencyLog get(String id) {
    LatencyLog log = BY_ID.get(id);
    if (log == null) {
      throw new IllegalStateException("no latency log " + id + " in this JVM (the latency bench runs embedded only)");
    }
    return log;
  }

  String id() {
    return id;
  }

  void remove() {
    BY_ID.remove(id);
  }

  static long wallNowNs() {
    Instant i = Instant.now();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** The simulated system clock reads {@code simStartNs} at wall {@code wallStartNs} and runs at {@code speed}. */
  synchronized void start(long wallStartNs, long simStartNs) {
    if (this.wallStartNs == Long.MIN_VALUE) {
      this.simStartNs = simStartNs;
      this.wallStartNs = wallStartNs;
    }
  }

  boolean started() {
    return wallStartNs != Long.MIN_VALUE;
  }

  /** Wall instant at which the simulated system clock reads {@code simNs}. */
  long wallAt(long simNs) {
    return wallStartNs + (long) ((simNs - simStartNs) / speed);
  }

  double speed() {
    return speed;
  }

  /** Samples of {@code channel} up to system time {@code simEndNs} (exclusive) were handed over at {@code wallNs}. */
  void handed(String channel, long simEndNs, long wallNs) {
    handed.computeIfAbsent(channel, c -> new Handed()).add(simEndNs, wallNs);
  }

  /** Wall instant at which {@code channel}'s sample at system time {@code simNs} had been handed over, or -1. */
  long handedAt(String channel, long simNs) {
    Handed h = handed.get(channel);
    return h == null ? -1 : h.firstCovering(simNs);
  }

  /** CPU time the simulated feed (signal generation, sending) spent in this JVM. */
  void feedCpu(long ns) {
    feedCpuNs.addAndGet(ns);
  }

  long feedCpuNs() {
    return feedCpuNs.get();
  }

  /** The simulated system clock now. */
  long simNow() {
    return simStartNs + (long) ((wallNowNs() - wallStartNs) * speed);
  }

  static long threadCpuNs() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  synchronized void arrived(ClockOffsetRow row, long wallNs) {
    arrivals.add(new Arrival(row.channel(), row.measurement().systemTimeNs(), wallNs));
  }

  synchronized List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  /** First time the database poll saw the row of {@code channel} for the minute starting at {@code minuteStartSystemNs}. */
  void committed(String channel, long minuteStartSystemNs, long wallNs) {
    committed.putIfAbsent(channel + "@" + minuteStartSystemNs, wallNs);
  }

  long committedAt(String channel, long minuteStartSystemNs) {
    return committed.getOrDefault(channel + "@" + minuteStartSystemNs, -1L);
  }

  /** Hand-over instants of one channel, in system-time order. */
  private static final class Handed {
    private long[] simEnd = new long[4096];
    private long[] wall = new long[4096];
    private int n;

    synchronized void add(long simEndNs, long wallNs) {
      if (n == simEnd.length) {
        simEnd = Arrays.copyOf(simEnd, 2 * n);
        wall = Arrays.copyOf(wall, 2 * n);
      }
      simEnd[n] = simEndNs;
      wall[n] = wallNs;
      n++;
    }

    /** Earliest hand-over of a chunk ending after {@code simNs}, i.e. containing that sample. */
    synchronized long firstCovering(long simNs) {
      long best = -1;
      for (int k = 0; k < n; k++) {
        if (simEnd[k] > simNs && (best < 0 || wall[k] < best)) {
          best = wall[k];
        }
      }
      return best;
    }
  }

  /** Records the wall-clock instant each clock-offset row reaches this sink. */
  static final class ArrivalSink implements Sink<ClockOffsetRow> {
    private final String logId;

    ArrivalSink(String logId) {
      this.logId = logId;
    }

    @Override
    public SinkWriter<ClockOffsetRow> createWriter(WriterInitContext context) {
      LatencyLog log = get(logId);
      return new SinkWriter<>() {
        @Override
        public void write(ClockOffsetRow row, Context ctx) {
          log.arrived(row, wallNowNs());
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}

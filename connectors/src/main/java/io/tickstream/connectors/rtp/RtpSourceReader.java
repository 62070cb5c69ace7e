package io.tickstream.connectors.rtp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link RtpReceiver} on its own thread and hands its blocks to Flink. The checkpointed state
 * is the {@link ChannelCursor} of the last block emitted per channel (not of what the receiving thread
 * has buffered), so a restore continues each channel's time mapping exactly after what downstream
 * operators had seen at the checkpoint.
 */
final class RtpSourceReader implements SourceReader<RtpBlock, RtpSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(RtpSourceReader.class);
  private static final Object END = new Object();

  private final RtpSourceConfig config;
  private final SourceReaderContext context;
  private final BlockingQueue<Object> queue;
  private final Map<Long, ChannelCursor> cursors = new LinkedHashMap<>();
  private volatile CompletableFuture<Void> available = new CompletableFuture<>();
  private volatile Throwable failure;
  private volatile boolean running = true;
  private boolean noMoreSplits;
  private boolean hasSplit;
  private boolean ended;
  private RtpIngest ingest;
  private Thread thread;

  RtpSourceReader(RtpSourceConfig config, SourceReaderContext context) {
    this.config = config;
    this.context = context;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
  }

  @Override
  public void start() {}

  @Override
  public void addSplits(List<RtpSplit> splits) {
    if (splits.isEmpty() || hasSplit) {
      return;
    }
    hasSplit = true;
    RtpSplit split = splits.get(0);
    cursors.putAll(split.cursors());
    ingest = new RtpIngest(new ChannelRegistry(config.channels(), config.discover()), config.options());
    ingest.restore(split.cursors().values());
    registerMetrics(context.metricGroup().addGroup("rtp"), ingest.counters());
    RtpReceiver receiver = new RtpReceiver(config.endpoints(), ingest);
    boolean resumed = !split.cursors().isEmpty();
    thread = new Thread(() -> receive(receiver, resumed), "rtp-receiver-" + context.getIndexOfSubtask());
    thread.setDaemon(true);
    thread.start();
    available.complete(null);
    LOG.info("RTP source subtask {} listening ({} declared channels, restored cursors for {})",
        context.getIndexOfSubtask(), config.channels().size(), split.cursors().keySet());
  }

  private static void registerMetrics(MetricGroup g, RtpCounters c) {
    g.counter("packetsAccepted", new AtomicCounter(c.accepted));
    g.counter("packetsLate", new AtomicCounter(c.late));
    g.counter("packetsDuplicate", new AtomicCounter(c.duplicate));
    g.counter("packetsMalformed", new AtomicCounter(c.malformedAll));
    g.counter("packetsLost", new AtomicCounter(c.lost));
    g.counter("gapEvents", new AtomicCounter(c.gapEvents));
    g.counter("gapSamples", new AtomicCounter(c.gapSamples));
    g.counter("samplesAccepted", new AtomicCounter(c.samples));
    g.counter("statusPackets", new AtomicCounter(c.statusPackets));
  }

  private void receive(RtpReceiver receiver, boolean resumed) {
    // a restored reader had data before: the idle clock runs from the restore
    long lastData = resumed ? System.nanoTime() : 0;
    try (receiver) {
      receiver.open();
      while (running) {
        int n = receiver.poll(50, this::enqueue);
        long now = System.nanoTime();
        if (n > 0) {
          lastData = now;
        } else if (config.idleStopMs() > 0 && lastData != 0 && now - lastData > config.idleStopMs() * 1_000_000L) {
          LOG.info("RTP source: no data for {} ms, ending the stream", config.idleStopMs());
          break;
        }
      }
      receiver.ingest().flush(this::enqueue);
    } catch (Throwable t) {
      failure = t;
    } finally {
      putQuietly(END);
    }
  }

  private void enqueue(RtpBlock b) {
    putQuietly(b);
  }

  private void putQuietly(Object o) {
    try {
      while (running || o == END) {
        if (queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
          available.complete(null);
          return;
        }
        if (o == END && !running) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<RtpBlock> output) throws Exception {
    if (failure != null) {
      throw new RuntimeException("RTP receiver failed: " + failure.getMessage(), failure);
    }
    if (ended) {
      return InputStatus.END_OF_INPUT;
    }
    if (!hasSplit) {
      return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
    }
    Object o = queue.poll();
    if (o == null) {
      return InputStatus.NOTHING_AVAILABLE;
    }
    if (o == END) {
      if (failure != null) {
        throw new RuntimeException("RTP receiver failed: " + failure.getMessage(), failure);
      }
      ended = true;
      LOG.info("RTP source summary: {}", ingest.counters().summary());
      return InputStatus.END_OF_INPUT;
    }
    RtpBlock b = (RtpBlock) o;
    output.collect(b, b.iq().tSystemNs() / 1_000_000L);
    cursors.put(b.ssrc(), ChannelCursor.after(b));
    return queue.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    // Flink may ask more than once before the future completes: keep handing out the same one
    CompletableFuture<Void> f = available;
    if (f.isDone()) {
      f = new CompletableFuture<>();
      available = f;
    }
    if (!queue.isEmpty() || ended || failure != null || (!hasSplit && noMoreSplits)) {
      f.complete(null);
    }
    return f;
  }

  @Override
  public List<RtpSplit> snapshotState(long checkpointId) {
    return hasSplit ? List.of(new RtpSplit(cursors)) : new ArrayList<>();
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public void close() throws Exception {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread.join(5_000);
      LOG.info("RTP source closed: {}", ingest.counters().summary());
    }
  }
}

package io.tickstream.cli.hf;

import io.tickstream.connectors.rtp.IqSignal;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import io.tickstream.jobs.hf.SimulatedWwv;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Generated WWV IQ blocks handed to the graph at the simulated clock's pace (the latency bench's
 * {@code --source blocks}): element {@code i} is block {@code i / channels} of channel
 * {@code i % channels}; it is generated when the simulated clock ({@link LatencyLog#wallAt}) reaches
 * its last sample, and the hand-over instant is recorded.
 */
final class PacedWwvBlocks implements GeneratorFunction<Long, IqBlock> {
  /** A generated channel: name and carrier in MHz. */
  record Channel(String name, double frequencyMHz) implements java.io.Serializable {}

  private final String logId;
  private final List<Channel> channels;
  private final String grid;
  private final int rateHz;
  private final double dClockMs;
  private final long simStartNs;
  private final int blockFrames;
  private final long pathsAtNs;
  private transient IqSignal[] signals;
  private transient LatencyLog log;
  private transient long startIndex;

  PacedWwvBlocks(String logId, List<Channel> channels, String grid, int rateHz, double dClockMs, long simStartNs,
      int blockFrames, long pathsAtNs) {
    this.logId = logId;
    this.channels = List.copyOf(channels);
    this.grid = grid;
    this.rateHz = rateHz;
    this.dClockMs = dClockMs;
    this.simStartNs = simStartNs;
    this.blockFrames = blockFrames;
    this.pathsAtNs = pathsAtNs;
  }

  /** Elements needed to cover {@code durationNs} of every channel. */
  long count(long durationNs) {
    long blocks = (durationNs / 1_000_000_000L * rateHz + blockFrames - 1) / blockFrames;
    return blocks * channels.size();
  }

  @Override
  public void open(SourceReaderContext readerContext) {
    log = LatencyLog.get(logId);
    signals = new IqSignal[channels.size()];
    for (int c = 0; c < signals.length; c++) {
      signals[c] = SimulatedWwv.signal(grid, channels.get(c).frequencyMHz(), rateHz, dClockMs, pathsAtNs, c + 1);
    }
    startIndex = Rational.of(rateHz).indexAtOrAfter(simStartNs);
  }

  @Override
  public IqBlock map(Long element) throws Exception {
    log.start(LatencyLog.wallNowNs(), simStartNs);
    int c = (int) (element % channels.size());
    long first = startIndex + element / channels.size() * blockFrames;
    Rational rate = Rational.of(rateHz);
    long endSimNs = rate.timeNsOfIndexFloor(first + blockFrames);
    long waitNs = log.wallAt(endSimNs) - LatencyLog.wallNowNs();
    if (waitNs > 0) {
      Thread.sleep(waitNs / 1_000_000, (int) (waitNs % 1_000_000));
    }
    long cpu0 = LatencyLog.threadCpuNs();
    double[] iq = new double[2 * blockFrames];
    signals[c].render(first, blockFrames, iq);
    float[] f = new float[iq.length];
    for (int k = 0; k < iq.length; k++) {
      f[k] = (float) iq[k];
    }
    log.feedCpu(LatencyLog.threadCpuNs() - cpu0);
    IqBlock b = IqBlock.ofFloat32(channels.get(c).name(), first, rate, rate.timeNsOfIndexFloor(first), true, f, 0);
    log.handed(b.channel(), endSimNs, LatencyLog.wallNowNs());
    return b;
  }
}

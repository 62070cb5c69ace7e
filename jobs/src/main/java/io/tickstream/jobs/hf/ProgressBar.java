package io.tickstream.jobs.hf;

import java.io.PrintStream;

/** One-line terminal progress: bar, percent, rate (× real time) and ETA. */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final long total;
  private final double sampleRateHz;
  private final long startNs = System.nanoTime();
  private long shownDone = -1;
  private long shownAtNs;

  ProgressBar(PrintStream out, long total, double sampleRateHz) {
    this.out = out;
    this.total = Math.max(1, total);
    this.sampleRateHz = sampleRateHz;
  }

  void show(long done) {
    long now = System.nanoTime();
    if (out == null || (done == shownDone && now - shownAtNs < 5_000_000_000L)) {
      return;
    }
    shownDone = done;
    shownAtNs = now;
    double f = Math.min(1.0, done / (double) total);
    double wall = (System.nanoTime() - startNs) / 1e9;
    double rate = wall > 0 ? done / sampleRateHz / wall : 0;
    double eta = f > 0 ? wall * (1 - f) / f : Double.NaN;
    int filled = (int) Math.round(f * WIDTH);
    out.printf("\r[%s%s] %5.1f%%  %7.0f× real time  ETA %s   ", "#".repeat(filled), ".".repeat(WIDTH - filled),
        100 * f, rate, Double.isNaN(eta) ? "--" : String.format("%.0f s", eta));
    out.flush();
  }

  void done() {
    if (out != null) {
      out.println();
    }
  }
}

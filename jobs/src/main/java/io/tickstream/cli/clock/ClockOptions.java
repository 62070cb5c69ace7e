package io.tickstream.cli.clock;

import io.tickstream.core.hf.clock.ClockPrior;
import io.tickstream.core.hf.clock.ClockSolver;
import io.tickstream.core.hf.clock.GeoPoint;
import io.tickstream.core.hf.clock.Maidenhead;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * D_clock options shared by commands that analyse HF minutes ({@code tickstream analyze}); use as a
 * picocli {@code @Mixin}. The receiver locator comes from the host command ({@link #grid(String)}).
 */
public final class ClockOptions {
  String grid;

  @Option(names = "--csv", paramLabel = "FILE",
      description = "Write the per-minute clock offset series (seed 003 clock_offset_series.csv columns).")
  Path csv;

  @Option(names = "--series-json", paramLabel = "FILE",
      description = "Write the complete clock offset series as the seed 003 JSON document.")
  Path json;

  @Option(names = "--per-channel",
      description = "Also print (and write to the CSV) every channel's own D_clock and residual.")
  boolean perChannel;

  @Option(names = "--track",
      description = "Use the previous grade A/B minute as the prior of the next (keeps propagation modes "
          + "through minutes heard on fewer channels).")
  boolean track;

  @Option(names = "--clock-prior-ms", paramLabel = "MS",
      description = "Independent prior D_clock (ms), used only to choose propagation modes.")
  Double priorMs;

  @Option(names = "--clock-prior-sigma-ms", paramLabel = "MS", defaultValue = "1.0",
      description = "1σ of --clock-prior-ms (default: ${DEFAULT-VALUE} ms).")
  double priorSigmaMs;

  public ClockOptions() {}

  /** Options set programmatically (tests, other commands). */
  public ClockOptions(String grid, Path csv, Path json, boolean perChannel, Double priorMs,
      double priorSigmaMs) {
    this.grid = grid;
    this.csv = csv;
    this.json = json;
    this.perChannel = perChannel;
    this.priorMs = priorMs;
    this.priorSigmaMs = priorSigmaMs;
  }

  /** Sets the receiver's Maidenhead locator (4/6/8 characters). */
  public ClockOptions grid(String locator) {
    this.grid = locator;
    return this;
  }

  public boolean enabled() {
    return grid != null;
  }

  public String grid() {
    return grid;
  }

  public GeoPoint receiver() {
    return Maidenhead.toPoint(grid);
  }

  public ClockSolver solver() {
    return ClockSolver.withDefaults(receiver());
  }

  public ClockPrior prior() {
    return priorMs == null ? ClockPrior.NONE : new ClockPrior(priorMs, priorSigmaMs);
  }

  public boolean track() {
    return track;
  }

  public Path csv() {
    return csv;
  }

  public Path json() {
    return json;
  }

  public boolean perChannel() {
    return perChannel;
  }
}

package io.tickstream.cli.clock;

import io.tickstream.core.hf.clock.ChannelSolution;
import io.tickstream.core.hf.clock.MinuteSolution;
import java.time.Instant;
import java.util.Locale;

/** Console columns of a solved minute: D_clock, station, mode, propagation delay, σ, grade. */
public final class ClockColumns {
  private ClockColumns() {}

  public static String header() {
    return String.format(Locale.ROOT, "%-20s %10s %8s %5s %-5s %9s %-4s %-9s %5s %4s %s",
        "minute (system)", "D_clock ms", "±1σ ms", "grade", "stn", "freq MHz", "mode", "delay ms",
        "conf", "ch", "flags");
  }

  /** The fused minute, described by its primary channel. */
  public static String minute(MinuteSolution s) {
    ChannelSolution p = s.primary();
    String flags = (s.utcVerified() ? "utc_verified " : "")
        + (s.multiStationVerified() ? "multi_station" : "");
    return String.format(Locale.ROOT, "%-20s %10s %8s %5s %-5s %9.3f %-4s %-9s %5.2f %4d %s",
        Instant.ofEpochSecond(0, s.minuteStartSystemNs()).toString(), num(s.dClockMs(), "%+.3f"),
        num(s.uncertaintyMs(), "%.3f"), s.grade(), p == null ? "-" : p.observation().station(),
        p == null ? Double.NaN : p.observation().frequencyMHz(),
        p == null || p.mode() == null ? "-" : p.mode().label(),
        p == null ? "-" : num(p.propagationDelayMs(), "%.3f"), s.confidence(), s.inlierCount(),
        flags.trim());
  }

  /** One channel's own value, residual and runner-up mode. */
  public static String channel(ChannelSolution c) {
    return String.format(Locale.ROOT,
        "    %-14s %-5s %6.3f MHz  D %s ±%s (%s)  %s τ=%s  residual %s  %s  runner-up %s τ=%s",
        c.observation().channel(), c.observation().station(), c.observation().frequencyMHz(),
        num(c.dClockMs(), "%+.3f"), num(c.uncertaintyMs(), "%.3f"), c.grade(),
        c.mode() == null ? "-" : c.mode().label(), num(c.propagationDelayMs(), "%.3f"),
        num(c.residualMs(), "%+.3f"), c.path() == null ? "unusable" : c.inlier() ? "inlier" : "OUTLIER",
        c.runnerUp() == null ? "-" : c.runnerUp().mode().label(), num(c.runnerUpDelayMs(), "%.3f"));
  }

  private static String num(double v, String fmt) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, fmt, v) : "-";
  }
}

package io.tickstream.cli.hf;

import io.tickstream.core.hf.MinuteAnalysis;
import io.tickstream.core.hf.MinuteAnalysisJson;
import io.tickstream.core.hf.StationTiming;
import io.tickstream.core.hf.TimeCode;
import java.time.Instant;
import java.util.Locale;

/**
 * Per-minute output of {@code tickstream analyze}: a fixed-column text line or one JSON object per
 * line. Kept separate so that D_clock columns can be added without touching the command.
 */
public class HfMinuteFormatter {

  public String header() {
    return String.format(Locale.ROOT, "%-20s %-22s %-6s %-5s %10s %8s %7s %s", "minute(system)", "time code",
        "dom", "conf", "arrival_ms", "±ms", "snr_dB", "evidence");
  }

  public String line(MinuteAnalysis m) {
    StringBuilder ev = new StringBuilder();
    for (StationTiming t : m.stations()) {
      ev.append(String.format(Locale.ROOT, "%s%s:%.3fms/%.1fdB ", t.station(), t.usable() ? "" : "(x)",
          t.arrivalOffsetMs(), t.snrDb()));
    }
    if (m.tones() != null) {
      ev.append(String.format(Locale.ROOT, "tones 500:%.1f 600:%.1f dB ", m.tones().snr500Db(), m.tones().snr600Db()));
    }
    if (m.testSignal() != null) {
      ev.append(String.format(Locale.ROOT, "test:%s(%.2f @%.2fms) ", m.testSignal().detected() ? "yes" : "no",
          m.testSignal().confidence(), m.testSignal().toaOffsetMs()));
    }
    if (!Double.isNaN(m.dopplerHz())) {
      ev.append(String.format(Locale.ROOT, "doppler %.3fHz ", m.dopplerHz()));
    }
    if (!m.notes().isEmpty()) {
      ev.append("notes:").append(m.notes().size());
    }
    StationTiming dom = m.dominantTiming().orElse(null);
    return String.format(Locale.ROOT, "%-20s %-22s %-6s %-5.2f %10s %8s %7s %s",
        Instant.ofEpochSecond(0, m.minuteStartSystemNs()).toString(), timeCode(m.timeCode()),
        m.discrimination().dominant(), m.discrimination().confidence(),
        dom == null ? "-" : String.format(Locale.ROOT, "%.3f", dom.arrivalOffsetMs()),
        dom == null ? "-" : String.format(Locale.ROOT, "%.4f", dom.arrivalUncertaintyMs()),
        dom == null ? "-" : String.format(Locale.ROOT, "%.1f", dom.snrDb()), ev.toString().trim());
  }

  public String json(MinuteAnalysis m) {
    return MinuteAnalysisJson.toJson(m);
  }

  static String timeCode(TimeCode c) {
    if (c == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%s%04d-%03d %02d:%02d %+.1f%s", c.source() == TimeCode.Source.BCD ? "" : "FSK ",
        c.year(), c.dayOfYear(), c.hour(), c.minute(), c.dut1Seconds(), c.valid() ? "" : "?");
  }
}

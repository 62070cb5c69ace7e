package io.tickstream.cli.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.TickstreamCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bench hf-latency} runs the streaming graph on paced generated blocks and reports every row;
 * the figures are checked only for causality (a row cannot precede the data it needs), never for speed.
 */
class HfLatencyBenchCommandTest {
  @Test
  void everyRowOfTheMeasuredMinuteIsReportedWithCausallyOrderedFigures() {
    CommandLine cl = TickstreamCli.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    int rc = cl.execute("bench", "hf-latency", "--source", "blocks", "--speed", "20", "--minutes", "1",
        "--warmup-minutes", "0", "--rate", "8000", "--checkpoint-interval", "1", "--no-phase3");
    String text = out.toString();
    assertEquals(0, rc, text);
    assertTrue(text.contains("3 of 3 rows arrived"), text);
    Matcher m = Pattern.compile("14:00  FUSED +([0-9.-]+) +([0-9.-]+) +([0-9.-]+) +([0-9.-]+) +([0-9.-]+)").matcher(text);
    assertTrue(m.find(), text);
    double endToRow = Double.parseDouble(m.group(1));
    double closeToRow = Double.parseDouble(m.group(2));
    double readyToRow = Double.parseDouble(m.group(3));
    double endToCommit = Double.parseDouble(m.group(4));
    double rowToCommit = Double.parseDouble(m.group(5));
    // the feed is paced: the minute's last needed sample is handed over (2.5 s + 2 s) / 20 after its end
    assertTrue(endToRow >= 4.5 / 20 && closeToRow >= 2.0 / 20 && readyToRow >= 0, text);
    assertTrue(endToRow > closeToRow && closeToRow > readyToRow, text);
    assertTrue(rowToCommit >= 0 && Math.abs(endToCommit - (endToRow + rowToCommit)) < 0.002, text);
  }
}

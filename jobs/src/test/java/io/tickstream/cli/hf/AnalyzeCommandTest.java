package io.tickstream.cli.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.TickstreamCli;
import io.tickstream.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code tickstream analyze} on the real WWV recording, text and JSON. */
class AnalyzeCommandTest {

  private static String[] run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int rc = TickstreamCli.commandLine().execute(args);
      return new String[] {String.valueOf(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void analyzesTheRealRecording() {
    String wav = SharedData.path("data/hf/HamSCI_AM_demodulated_WWV_16ksps_f32.wav").toString();
    String tpl = SharedData.path("data/hf/ka9q_wwvsim_hamsci_test_signal_48k_s16le.raw").toString();
    String[] r = run("analyze", wav, "--start-utc", "2025-02-27T00:08:00Z", "--frequency-mhz", "10", "--grid", "EM38ww",
        "--test-signal-template", tpl);
    assertEquals("0", r[0], r[2]);
    String[] lines = r[1].strip().split("\n");
    // one header + one line per minute, then the D_clock table (clock solver columns)
    assertTrue(lines.length >= 2, r[1]);
    assertTrue(r[1].contains("D_clock"), r[1]);
    assertTrue(lines[0].startsWith("minute(system)"), lines[0]);
    assertTrue(lines[1].contains("2025-058 00:08 +0.0"), lines[1]);
    assertTrue(lines[1].contains(" WWV "), lines[1]);
    assertTrue(lines[1].contains("test:yes"), lines[1]);
    assertTrue(r[2].contains("analysed 1 minute(s)"), r[2]);

    String[] j = run("analyze", wav, "--start-utc", "2025-02-27T00:08:00Z", "--frequency-mhz", "10", "--grid", "EM38",
        "--json");
    assertEquals("0", j[0], j[2]);
    String json = j[1].strip().split("\n")[0];
    assertTrue(json.startsWith("{\"channel\":\"HF_10_MHz\""), json);
    assertTrue(json.contains("\"utc_minute_start_ns\":1740614880000000000"), json);
    assertTrue(json.contains("\"dominant\":\"WWV\""), json);
  }

  @Test
  void rawFileWithoutRateIsAClearError() {
    String[] r = run("analyze", "/nonexistent/x.cf32", "--start-utc", "2025-02-27T00:08:00Z", "--frequency-mhz", "10",
        "--grid", "EM38");
    assertTrue(!r[0].equals("0"));
    assertTrue(r[2].contains("x.cf32"), r[2]);
  }
}

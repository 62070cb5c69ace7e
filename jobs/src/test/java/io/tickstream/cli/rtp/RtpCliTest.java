package io.tickstream.cli.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.TickstreamCli;
import io.tickstream.connectors.rtp.UdpPorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code simulate rtp} and {@code rtp listen} through picocli, talking to each other over loopback UDP. */
class RtpCliTest {

  @Test
  void simulateIsRefusedWhenSyntheticDataIsDisabled() {
    SimulateRtpCommand cmd = new SimulateRtpCommand();
    cmd.env = Map.of("DISABLE_SYNTHETIC", "true");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, new CommandLine(cmd).execute("--seconds", "1"));
    } finally {
      System.setErr(old);
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("refused: synthetic data is disabled (DISABLE_SYNTHETIC=true)"));
  }

  @Test
  void listenShowsTheChannelsAndStatisticsOfASimulatedRadiod() throws Exception {
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    RtpListenCommand listen = new RtpListenCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    listen.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    CompletableFuture<Integer> l = CompletableFuture.supplyAsync(() -> new CommandLine(listen).execute(
        "--bind", "127.0.0.1", "--data-port", "" + dp, "--status-port", "" + sp, "--seconds", "6"));
    UdpPorts.awaitBound(dp, 30_000, l);
    UdpPorts.awaitBound(sp, 30_000, l);
    SimulateRtpCommand sim = new SimulateRtpCommand();
    sim.env = Map.of();
    int rc = new CommandLine(sim).setCaseInsensitiveEnumValuesAllowed(true).execute("--data-port", "" + dp,
        "--status-port", "" + sp, "--seconds", "2", "--speed", "0", "--max-pps", "1000", "--loss", "0.05",
        "--encoding", "F32LE", "--wrap-after", "1", "--channel", "WWV_10MHz=10e6");
    assertEquals(0, rc);
    assertEquals(0, l.get());
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("SSRC 10000"), text);
    assertTrue(text.contains("10000000.000 Hz"), text);
    assertTrue(text.contains("F32LE"), text);
    assertTrue(text.contains("GPS_TIME+RTP_TIMESNAP"), text);
    assertTrue(text.contains("SYNTHETIC"), text);
    assertTrue(text.matches("(?s).*accepted +\\d{3}.*"), text);
    assertTrue(text.contains("total: accepted="), text);
  }

  @Test
  void commandsAreRegistered() {
    CommandLine cl = TickstreamCli.commandLine();
    assertTrue(cl.getSubcommands().containsKey("record"));
    assertTrue(cl.getSubcommands().get("rtp").getSubcommands().containsKey("listen"));
    assertTrue(cl.getSubcommands().get("simulate").getSubcommands().containsKey("rtp"));
    assertTrue(cl.getSubcommands().get("bench").getSubcommands().containsKey("rtp"));
  }
}

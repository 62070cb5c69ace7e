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
import io.tickstream.connectors.drf.DigitalMetadataReader;
import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DrfChannelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
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

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

  @Test
  void recordArchivesASimulatedStreamUnderTheDataDirectory(@TempDir Path dir) throws Exception {
    int dp = UdpPorts.free();
    int sp = UdpPorts.free();
    Path station = dir.resolve("station.toml");
    Files.writeString(station, """
        [station]
        callsign = "AC0G"
        grid_square = "EM38ww"
        receiver_name = "cli-rx"
        [radiod]
        bind_address = "127.0.0.1"
        data_port = %d
        status_port = %d
        [[channels]]
        name = "WWV_10MHz"
        frequency_hz = 10e6
        stations = ["WWV", "WWVH"]
        """.formatted(dp, sp));
    Path data = dir.resolve("data");
    CompletableFuture<Integer> rec = CompletableFuture.supplyAsync(() -> TickstreamCli.commandLine().execute(
        "record", "--config", station.toString(), "--data-dir", data.toString(), "--idle-stop", "2",
        "--checkpoint-interval", "1"));
    UdpPorts.awaitBound(dp, 60_000, rec);
    UdpPorts.awaitBound(sp, 60_000, rec);
    SimulateRtpCommand sim = new SimulateRtpCommand();
    sim.env = Map.of();
    assertEquals(0, new CommandLine(sim).execute("--data-port", "" + dp, "--status-port", "" + sp, "--seconds", "3",
        "--speed", "0", "--max-pps", "500", "--channel", "WWV_10MHz=10e6", "--start", "2024-06-01T00:00:00Z"));
    assertEquals(0, rec.get());
    Path top = data.resolve("raw_archive");
    assertEquals(java.util.List.of("WWV_10MHz"), DigitalRfReader.channels(top));
    try (DrfChannelReader r = DigitalRfReader.channel(top, "WWV_10MHz")) {
      long first = r.bounds().orElseThrow()[0];
      assertEquals(io.tickstream.core.time.Rational.of(20000).indexAtOrAfter(
          java.time.Instant.parse("2024-06-01T00:00:00Z").getEpochSecond() * 1_000_000_000L), first,
          "status GPS_TIME maps the first sample to the simulated start");
      assertEquals(166L * 360, r.continuousBlocks().stream().mapToLong(b -> b.count()).sum(), "3 s at 20 kHz = 166 whole packets, no loss");
    }
    var md = DigitalMetadataReader.open(top.resolve("WWV_10MHz/metadata")).records();
    assertEquals("cli-rx", md.get(0).values().get("receiver_name"));
    assertEquals("WWV,WWVH", md.get(0).values().get("stations_expected"));
    // a second recording process starting inside the finished file's period: nothing is rewritten,
    // recording resumes at the next file period
    long before = 166L * 360;
    Path finished;
    try (var s = Files.walk(top.resolve("WWV_10MHz"))) {
      finished = s.filter(p -> p.getFileName().toString().startsWith("rf@")).findFirst().orElseThrow();
    }
    String hash = java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(finished)));
    CompletableFuture<Integer> rec2 = CompletableFuture.supplyAsync(() -> TickstreamCli.commandLine().execute(
        "record", "--config", station.toString(), "--data-dir", data.toString(), "--idle-stop", "2",
        "--checkpoint-interval", "1"));
    UdpPorts.awaitBound(dp, 60_000, rec2);
    UdpPorts.awaitBound(sp, 60_000, rec2);
    assertEquals(0, new CommandLine(sim).execute("--data-port", "" + dp, "--status-port", "" + sp, "--seconds", "4",
        "--speed", "0", "--max-pps", "500", "--channel", "WWV_10MHz=10e6", "--start", "2024-06-01T00:00:58Z"));
    assertEquals(0, rec2.get());
    assertEquals(hash, java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(finished))), "finished file untouched");
    try (DrfChannelReader r = DigitalRfReader.channel(top, "WWV_10MHz")) {
      var blocks = r.continuousBlocks();
      assertEquals(2, blocks.size(), "old run + new run from the next minute");
      long minute = io.tickstream.core.time.Rational.of(20000).indexAtOrAfter(
          java.time.Instant.parse("2024-06-01T00:01:00Z").getEpochSecond() * 1_000_000_000L);
      assertEquals(minute, blocks.get(1).start(), "resumes at the next file period");
      assertEquals(before, blocks.get(0).count());
    }
    assertTrue(Files.exists(data.resolve("tickstream.db")), "the run is recorded in the embedded database");
    try (var db = io.tickstream.connectors.db.Database.open("sqlite:" + data.resolve("tickstream.db").toAbsolutePath());
         var c = db.dataSource().getConnection();
         var rs = c.createStatement().executeQuery("select status from ingest_run where job_name like 'tickstream record%'")) {
      assertTrue(rs.next(), "ingest_run row");
      assertEquals("ok", rs.getString(1));
    }
  }

  @Test
  void invalidStationConfigurationIsReportedWithFileAndKey(@TempDir Path dir) throws Exception {
    Path station = dir.resolve("bad.toml");
    Files.writeString(station, "[station]\ncallsign = \"AC0G\"\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, TickstreamCli.commandLine().execute("record", "--config", station.toString()));
    } finally {
      System.setErr(old);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains(station + ": station.grid_square: missing"), text);
    assertTrue(text.contains(station + ": no [[channels]] declared"), text);
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

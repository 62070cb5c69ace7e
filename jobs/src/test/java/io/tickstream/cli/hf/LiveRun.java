package io.tickstream.cli.hf;

import io.tickstream.connectors.rtp.RtpSimulator;
import io.tickstream.connectors.rtp.UdpPorts;
import io.tickstream.jobs.testing.TestStation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Test harness: a live command run through picocli on its own thread, fed by a simulated radiod on loopback. */
final class LiveRun {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final CompletableFuture<Integer> rc;

  private LiveRun(Object command, Consumer<PrintStream> setOut, String... args) {
    setOut.accept(new PrintStream(out, true, StandardCharsets.UTF_8));
    rc = CompletableFuture.supplyAsync(() -> new CommandLine(command).execute(args));
  }

  static LiveRun run(RunCommand cmd, String... args) {
    return new LiveRun(cmd, o -> cmd.out = o, args);
  }

  static LiveRun of(Object cmd, String... args) {
    return new LiveRun(cmd, o -> {}, args);
  }

  String text() {
    return out.toString(StandardCharsets.UTF_8);
  }

  static Path writeStation(Path dir, String receiver, int dataPort, int statusPort) throws Exception {
    Path station = dir.resolve("station.toml");
    Files.writeString(station, TestStation.wwv(receiver, dataPort, statusPort));
    return station;
  }

  /** Waits until the run listens on both ports, then sends {@code sim}'s stream. */
  void feed(int dataPort, int statusPort, RtpSimulator sim, RtpSimulator.SentListener listener) throws Exception {
    UdpPorts.awaitBound(dataPort, 120_000, rc);
    UdpPorts.awaitBound(statusPort, 120_000, rc);
    try (DatagramSocket sock = new DatagramSocket()) {
      sim.send(sock, new InetSocketAddress("127.0.0.1", dataPort), new InetSocketAddress("127.0.0.1", statusPort),
          RtpSimulator.Pacing.rate(4000), listener);
    }
  }
}

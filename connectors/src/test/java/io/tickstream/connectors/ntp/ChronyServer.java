package io.tickstream.connectors.ntp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real chronyd (Debian package {@code chrony}) serving NTP on a free loopback port for tests:
 * {@code local stratum 1} reference, {@code -x} (never touches the system clock), no command port,
 * pid file and config in its own temp directory. Fails with a clear message if chronyd is missing.
 */
public final class ChronyServer implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;

  private ChronyServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Locates chronyd or throws an AssertionError telling how to install it. */
  public static Path chronyd() {
    for (String p : List.of("/usr/sbin/chronyd", "/sbin/chronyd", "/usr/bin/chronyd", "/usr/local/sbin/chronyd")) {
      if (Files.isExecutable(Path.of(p))) {
        return Path.of(p);
      }
    }
    throw new AssertionError("chronyd is not installed: this test needs a real NTP server. "
        + "Install it with `apt-get install -y chrony` (the CI script .ci/run does this).");
  }

  /** Starts chronyd and waits until it answers an NTP request. */
  public static ChronyServer start() throws IOException, InterruptedException {
    Path chronyd = chronyd();
    Path dir = Files.createTempDirectory("tickstream-chrony");
    int port;
    try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("chrony.conf");
    Files.writeString(conf, String.join("\n",
        "port " + port,
        "bindaddress 127.0.0.1",
        "local stratum 1",
        "allow 127.0.0.1",
        "cmdport 0",
        "pidfile " + dir.resolve("chronyd.pid"),
        ""), StandardCharsets.US_ASCII);
    ProcessBuilder pb = new ProcessBuilder(chronyd.toString(), "-f", conf.toString(), "-d", "-x", "-U",
        "-u", System.getProperty("user.name"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("chronyd.log").toFile());
    Process p = pb.start();
    ChronyServer server = new ChronyServer(p, dir, port);
    NtpClient probe = new NtpClient(Duration.ofMillis(200));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        String log = Files.readString(dir.resolve("chronyd.log"));
        throw new IOException("chronyd exited with " + p.exitValue() + ": " + log);
      }
      try {
        probe.measure(server.address(), 1, Duration.ZERO);
        return server;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    server.close();
    throw new IOException("chronyd did not answer on 127.0.0.1:" + port + " within 10 s");
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}, as accepted by {@link NtpClient#measure}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}

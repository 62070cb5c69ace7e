package io.tickstream.connectors.rtp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Free UDP ports, and waiting until a listener (e.g. inside a Flink job) has bound one (Linux /proc/net/udp). */
public final class UdpPorts {
  private UdpPorts() {}

  public static int free() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Waits until some socket is bound to UDP {@code port} (Linux /proc/net/udp). */
  public static void awaitBound(int port, long timeoutMs) throws Exception {
    awaitBound(port, timeoutMs, null);
  }

  /** As {@link #awaitBound(int, long)}, failing early when {@code job} (the job's result) completes first. */
  public static void awaitBound(int port, long timeoutMs, java.util.concurrent.Future<?> job) throws Exception {
    String hex = ":" + String.format(Locale.ROOT, "%04X", port) + " ";
    long end = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < end) {
      for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 1 && (f[1] + " ").endsWith(hex)) {
          return;
        }
      }
      if (job != null && job.isDone()) {
        job.get();
        throw new IllegalStateException("job ended before UDP port " + port + " was bound");
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("nothing bound UDP port " + port + " within " + timeoutMs + " ms");
  }
}

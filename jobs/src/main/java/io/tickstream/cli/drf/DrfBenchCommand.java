package io.tickstream.cli.drf;

import io.tickstream.connectors.drf.DigitalRfReader;
import io.tickstream.connectors.drf.DigitalRfWriter;
import io.tickstream.connectors.drf.DrfBlock;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.drf.DrfWriterOptions;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tickstream bench drf}: single-thread Digital RF write and read throughput. */
@Command(
    name = "drf",
    mixinStandardHelpOptions = true,
    description = {
      "Digital RF write and read throughput, single thread, for 20 kHz complex int16 (tone + Gaussian noise,",
      "1 s write calls, 60 s files, gapped layout) with deflate 0, 1 and 6 (each with Fletcher32).",
      "Prints samples/s and x real time; data goes to a temporary directory that is deleted afterwards."
    })
public final class DrfBenchCommand implements Callable<Integer> {
  @Option(names = "--seconds", description = "Seconds of signal per configuration (default: ${DEFAULT-VALUE}).", defaultValue = "120")
  int seconds;

  @Option(names = "--dir", description = "Parent directory for the temporary archive (default: java.io.tmpdir).")
  Path dir;

  @Option(names = "--levels", split = ",", description = "Deflate levels (default: ${DEFAULT-VALUE}).", defaultValue = "0,1,6")
  int[] levels;

  @Override
  public Integer call() throws IOException {
    int rate = 20000;
    Rational r = Rational.of(rate);
    short[][] second = new short[4][];
    Random rnd = new Random(1);
    for (int s = 0; s < second.length; s++) {
      second[s] = new short[2 * rate];
      for (int k = 0; k < rate; k++) {
        double ph = 2 * Math.PI * 1000.0 * (s * rate + k) / rate;
        second[s][2 * k] = (short) Math.round(3000 * Math.cos(ph) + 300 * rnd.nextGaussian());
        second[s][2 * k + 1] = (short) Math.round(3000 * Math.sin(ph) + 300 * rnd.nextGaussian());
      }
    }
    long n0 = 1712599200L * rate;
    System.out.printf("Digital RF bench: 20 kHz complex int16, %d s per run, 1 s writes, 60 s files, Fletcher32 on%n", seconds);
    System.out.println("samples/s by wall clock, and by this thread's CPU time (meaningful on a loaded machine)");
    System.out.printf("%-8s %13s %13s %8s %13s %13s %8s %8s%n", "deflate", "write wall/s", "write cpu/s", "x rt",
        "read wall/s", "read cpu/s", "x rt", "MB/60s");
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int level : levels) {
      Path base = Files.createTempDirectory(dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir, "drf-bench-");
      try {
        DrfWriterOptions o = DrfWriterOptions.defaults().withCadences(3600, 60_000).withContinuous(false)
            .withCompression(level).withChecksum(true);
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        try (DigitalRfWriter w = DigitalRfWriter.create(base, "ch0", o)) {
          for (int s = 0; s < seconds; s++) {
            w.write(IqBlock.ofInt16("ch0", n0 + (long) s * rate, r, 0, true, second[s % second.length], 0));
          }
        }
        double writeS = (System.nanoTime() - t0) / 1e9;
        double writeCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        long bytes;
        try (Stream<Path> files = Files.walk(base)) {
          bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        long t1 = System.nanoTime();
        long c1 = mx.getCurrentThreadCpuTime();
        long read = 0;
        try (DrfChannelReader rd = DigitalRfReader.channel(base, "ch0")) {
          for (DrfBlock b : rd.continuousBlocks()) {
            for (long s = b.start(); s < b.end(); s += rate) {
              read += rd.read(s, (int) Math.min(rate, b.end() - s)).count();
            }
          }
        }
        double readS = (System.nanoTime() - t1) / 1e9;
        double readCpu = (mx.getCurrentThreadCpuTime() - c1) / 1e9;
        long total = (long) seconds * rate;
        if (read != total) {
          throw new IllegalStateException("read " + read + " samples, wrote " + total);
        }
        System.out.printf("%-8d %13.3e %13.3e %8.0f %13.3e %13.3e %8.0f %8.2f%n", level, total / writeS, total / writeCpu,
            seconds / writeCpu, read / readS, read / readCpu, seconds / readCpu, bytes / 1e6 * 60 / seconds);
      } finally {
        try (Stream<Path> files = Files.walk(base)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return 0;
  }
}

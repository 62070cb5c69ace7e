package io.tickstream.cli.drf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstream.cli.TickstreamCli;
import io.tickstream.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tickstream drf} commands end to end through picocli. */
class DrfCliTest {
  @TempDir Path tmp;

  private record Run(int rc, String out) {}

  private static Run run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int rc = TickstreamCli.commandLine().execute(args);
      return new Run(rc, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void dumpJsonMatchesGroundTruth() throws Exception {
    Path dir = SharedData.path("fixtures/drf/e_be_rational_rate");
    Run r = run("drf", "dump", dir.toString(), "--json");
    assertEquals(0, r.rc());
    ObjectMapper m = new ObjectMapper();
    JsonNode actual = m.readTree(r.out());
    JsonNode expected = m.readTree(SharedData.path("fixtures/drf/e_be_rational_rate.json").toFile());
    assertEquals(expected.path("channels"), actual.path("channels"));
    assertEquals(expected.path("metadata_channels"), actual.path("metadata_channels"));
    Run text = run("drf", "dump", dir.toString());
    assertTrue(text.out().contains("block 56802240038333"), text.out());
  }

  @Test
  void copyThenVerify() throws Exception {
    Path src = SharedData.path("fixtures/drf/a_iq_int16_20k_gapped");
    Path dst = tmp.resolve("out");
    Run c = run("drf", "copy", src.toString(), dst.toString(), "--compression", "6", "--no-checksum",
        "--file-cadence-ms", "10000", "--subdir-cadence-s", "60", "--from", "2024-04-08T18:00:20Z", "--to", "34251985300000");
    assertEquals(0, c.rc(), c.out());
    assertTrue(c.out().contains("copied 720000 samples"), c.out());
    Run v = run("drf", "verify", dst.toString());
    assertEquals(0, v.rc(), v.out());
    assertTrue(v.out().startsWith("OK: 1 channel(s), 5 file(s), 720000 samples"), v.out());
    Files.delete(dst.resolve("ch0/drf_properties.h5"));
    Run bad = run("drf", "verify", dst.toString());
    assertEquals(1, bad.rc());
    assertTrue(bad.out().contains("PROBLEM " + dst.toAbsolutePath().resolve("ch0/drf_properties.h5")), bad.out());
  }
}

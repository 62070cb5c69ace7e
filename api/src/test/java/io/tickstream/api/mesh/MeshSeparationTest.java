package io.tickstream.api.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md principle 4 / seeds/000 §9 "Separation": no mesh code reads or writes the authoritative
 * ETA path ({@code phase_gap_history}, {@code eta_estimate}, {@code v_eta_current}).
 */
class MeshSeparationTest {
  private static final Pattern ETA_SQL = Pattern.compile(
      "(?i)(INSERT\\s+INTO|UPDATE|FROM|JOIN|DELETE\\s+FROM)\\s+(phase_gap_history|eta_estimate|v_eta_current)\\b");

  @Test
  void meshCodeNeverTouchesTheEtaTables() throws IOException {
    Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent(); // surefire runs in api/
    List<Path> dirs = List.of(
        repo.resolve("core/src/main/java/io/tickstream/core/mesh"),
        repo.resolve("connectors/src/main/java/io/tickstream/connectors/mesh"),
        repo.resolve("connectors/src/main/java/io/tickstream/connectors/ntp"),
        repo.resolve("api/src/main/java/io/tickstream/api/mesh"),
        repo.resolve("jobs/src/main/java/io/tickstream/jobs/mesh"),
        repo.resolve("jobs/src/main/java/io/tickstream/cli/mesh"));
    int files = 0;
    List<String> offenders = new ArrayList<>();
    for (Path d : dirs) {
      assertTrue(Files.isDirectory(d), "missing " + d);
      try (Stream<Path> s = Files.walk(d)) {
        for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          if (ETA_SQL.matcher(Files.readString(f)).find()) {
            offenders.add(f.toString());
          }
        }
      }
    }
    assertTrue(files > 30, "scanned " + files + " files");
    assertEquals(List.of(), offenders);
  }
}

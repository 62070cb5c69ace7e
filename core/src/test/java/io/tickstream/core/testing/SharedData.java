package io.tickstream.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the project's {@code ../shared} directory (fixtures, real data, seeds) from tests.
 * Uses the system property {@code tickstream.shared} (set by the parent pom's surefire config),
 * else walks up from the working directory looking for a sibling {@code shared/}.
 */
public final class SharedData {
  private SharedData() {}

  public static Path root() {
    String prop = System.getProperty("tickstream.shared");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("fixtures"))) {
        return candidate.normalize();
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("../shared not found; set -Dtickstream.shared=/path/to/shared");
  }

  /** A path below {@code shared/}, e.g. {@code SharedData.path("fixtures/drf")}. */
  public static Path path(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("shared data missing: " + p);
    }
    return p;
  }
}

package io.tickstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and git commit the jar was built from (filtered into tickstream-build.properties at build time). */
public final class BuildInfo {
  private static final Properties PROPS = load();

  private BuildInfo() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/tickstream-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to defaults
    }
    return p;
  }

  public static String version() {
    return clean(PROPS.getProperty("version"), "dev");
  }

  public static String gitCommit() {
    return clean(PROPS.getProperty("git.commit"), "unknown");
  }

  private static String clean(String v, String dflt) {
    return v == null || v.isBlank() || v.startsWith("${") ? dflt : v;
  }
}

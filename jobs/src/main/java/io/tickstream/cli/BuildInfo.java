package io.tickstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Version ({@code tickstream-build.properties}, filtered at build time) and the git commit the jar was
 * built from ({@code tickstream-git.properties}, written by the build: HEAD, {@code -dirty} when the
 * working tree had uncommitted changes).
 */
public final class BuildInfo {
  private static final Properties PROPS = load();

  private BuildInfo() {}

  private static Properties load() {
    Properties p = new Properties();
    for (String res : new String[] {"/tickstream-build.properties", "/tickstream-git.properties"}) {
      try (InputStream in = BuildInfo.class.getResourceAsStream(res)) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        // fall through to defaults
      }
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

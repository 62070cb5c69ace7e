package io.tickstream.connectors.drf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Entry point for reading a Digital RF top-level directory: like the reference
 * {@code DigitalRFReader}, every <em>direct</em> subdirectory holding {@code drf_properties.h5} is a
 * channel named after the subdirectory; Digital Metadata channels are subdirectories of a channel
 * (or of the top level) holding {@code dmd_properties.h5}.
 */
public final class DigitalRfReader {
  private DigitalRfReader() {}

  /** Channel names (sorted) under a top-level directory. */
  public static List<String> channels(Path topDir) {
    List<String> out = new ArrayList<>();
    for (Path sub : subdirs(topDir)) {
      if (Files.isRegularFile(sub.resolve(DrfChannelReader.PROPERTIES_FILE))) {
        out.add(sub.getFileName().toString());
      }
    }
    if (out.isEmpty() && Files.isRegularFile(topDir.resolve(DrfChannelReader.PROPERTIES_FILE))) {
      throw new DrfFormatException(topDir.toString(), -1,
          "this is a channel directory; pass its parent (the top-level directory)");
    }
    return out;
  }

  /** Opens channel {@code name} under {@code topDir}. */
  public static DrfChannelReader channel(Path topDir, String name) {
    return DrfChannelReader.open(topDir.resolve(name));
  }

  /**
   * Digital Metadata directories (relative to {@code topDir}, sorted): direct subdirectories of the
   * top level or of a channel that hold {@code dmd_properties.h5}.
   */
  public static List<String> metadataChannels(Path topDir) {
    List<String> out = new ArrayList<>();
    for (Path sub : subdirs(topDir)) {
      if (Files.isRegularFile(sub.resolve(DigitalMetadataReader.PROPERTIES_FILE))) {
        out.add(topDir.relativize(sub).toString());
      }
      for (Path sub2 : subdirs(sub)) {
        if (Files.isRegularFile(sub2.resolve(DigitalMetadataReader.PROPERTIES_FILE))) {
          out.add(topDir.relativize(sub2).toString());
        }
      }
    }
    return out;
  }

  static List<Path> subdirs(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DrfFormatException(dir.toString(), -1, "not a directory");
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}

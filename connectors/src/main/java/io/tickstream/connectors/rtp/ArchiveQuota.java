package io.tickstream.connectors.rtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Per-channel disk quota of the raw archive: when a channel's finished data files exceed the quota,
 * the oldest files (by Digital RF name, i.e. by time) are deleted until the channel is at most 95 %
 * of the quota (grape's 5 % headroom, DOMAIN.md §1.9). Never touches files being written
 * ({@code tmp.*}), the newest file, {@code drf_properties.h5} or the metadata directory; empty hour
 * directories left behind are removed.
 */
public final class ArchiveQuota {
  private ArchiveQuota() {}

  /** Prunes {@code channelDir} to the quota; returns the deleted files (oldest first). */
  public static List<Path> prune(Path channelDir, long quotaBytes) throws IOException {
    List<Path> deleted = new ArrayList<>();
    if (quotaBytes <= 0 || !Files.isDirectory(channelDir)) {
      return deleted;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(channelDir)) {
      List<Path> subdirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("metadata"))
          .sorted().toList();
      files = new ArrayList<>();
      for (Path d : subdirs) {
        try (Stream<Path> f = Files.list(d)) {
          f.filter(p -> p.getFileName().toString().startsWith("rf@") && p.getFileName().toString().endsWith(".h5"))
              .sorted(Comparator.comparing(ArchiveQuota::fileStartMs)).forEach(files::add);
        }
      }
    }
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    if (total <= quotaBytes) {
      return deleted;
    }
    long target = quotaBytes * 95 / 100;
    for (int i = 0; i < files.size() - 1 && total > target; i++) {
      Path f = files.get(i);
      long size = Files.size(f);
      Files.delete(f);
      total -= size;
      deleted.add(f);
      Path dir = f.getParent();
      try (Stream<Path> rest = Files.list(dir)) {
        if (rest.findAny().isEmpty()) {
          Files.delete(dir);
        }
      }
    }
    return deleted;
  }

  /**
   * First sample index after the period of the newest finished data file of {@code channelDir}
   * ({@code Long.MIN_VALUE} when there is none): a new writer must not write before it.
   */
  public static long endOfFinishedFiles(Path channelDir, long fileCadenceMs, io.tickstream.core.time.Rational rate)
      throws IOException {
    if (!Files.isDirectory(channelDir)) {
      return Long.MIN_VALUE;
    }
    long newestMs = Long.MIN_VALUE;
    try (Stream<Path> s = Files.walk(channelDir, 2)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("rf@")
          && p.getFileName().toString().endsWith(".h5")).toList()) {
        newestMs = Math.max(newestMs, fileStartMs(p));
      }
    }
    return newestMs == Long.MIN_VALUE ? Long.MIN_VALUE : rate.indexAtOrAfter((newestMs + fileCadenceMs) * 1_000_000L);
  }

  /** Start time in ms encoded in {@code rf@<sec>.<ms>.h5}. */
  static long fileStartMs(Path p) {
    String n = p.getFileName().toString();
    String t = n.substring(3, n.length() - 3);
    int dot = t.indexOf('.');
    return Long.parseLong(t.substring(0, dot)) * 1000 + Long.parseLong(t.substring(dot + 1));
  }
}

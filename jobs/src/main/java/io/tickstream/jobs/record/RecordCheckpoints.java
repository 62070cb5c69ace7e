package io.tickstream.jobs.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The retained checkpoints and savepoints of one station's {@code tickstream record}, under
 * {@code DATA_DIR/checkpoints/record/<callsign>-<receiver>/}:
 *
 * <pre>
 * &lt;job id&gt;/chk-&lt;n&gt;/_metadata      retained checkpoints, as Flink writes them (checkpoint directory)
 * savepoints/savepoint-…/_metadata    savepoints taken by a graceful stop (SIGTERM / Ctrl-C)
 * &lt;job id&gt;/FINISHED                 marker: the job ended its input (--idle-stop); its final checkpoint
 *                                     holds a finished source and cannot continue a recording
 * </pre>
 *
 * A checkpoint or savepoint is <b>complete</b> when its {@code _metadata} file exists (Flink writes it
 * last); the newest complete one by {@code _metadata} modification time is what a new process resumes from.
 * Plain file-system logic, no Flink imports.
 */
public final class RecordCheckpoints {
  static final String METADATA = "_metadata";
  static final String FINISHED_MARKER = "FINISHED";

  private final Path root;

  /** @param root the station's checkpoint root ({@link #stationRoot}) */
  public RecordCheckpoints(Path root) {
    this.root = root;
  }

  /** {@code DATA_DIR/checkpoints/record/<callsign>-<receiver>}, characters outside {@code [A-Za-z0-9._-]} as {@code _}. */
  public static Path stationRoot(Path dataDir, String callsign, String receiverName) {
    return stationRoot(dataDir, "record", callsign, receiverName);
  }

  /**
   * {@code DATA_DIR/checkpoints/<job>/<callsign>-<receiver>}: one root per live job kind ({@code record},
   * {@code run}, ...), since a checkpoint restores only into the graph that wrote it.
   */
  public static Path stationRoot(Path dataDir, String job, String callsign, String receiverName) {
    String key = (callsign + "-" + receiverName).replaceAll("[^A-Za-z0-9._-]", "_");
    return dataDir.resolve("checkpoints").resolve(job).resolve(key);
  }

  public Path root() {
    return root;
  }

  /** Where Flink writes this station's checkpoints ({@code execution.checkpointing.dir}). */
  public Path checkpointDir() {
    return root;
  }

  /** Where a graceful stop writes its savepoint. */
  public Path savepointDir() {
    return root.resolve("savepoints");
  }

  /** One complete checkpoint or savepoint: its directory and when its metadata was written. */
  public record Retained(Path dir, FileTime written, boolean savepoint) {}

  /** Every complete, resumable checkpoint and savepoint, newest first. */
  public List<Retained> complete() {
    List<Retained> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> jobs = Files.list(root)) {
      for (Path job : jobs.filter(Files::isDirectory).toList()) {
        boolean savepoints = job.equals(savepointDir());
        if (!savepoints && Files.exists(job.resolve(FINISHED_MARKER))) {
          continue;
        }
        try (Stream<Path> cps = Files.list(job)) {
          for (Path cp : cps.filter(p -> p.getFileName().toString().startsWith(savepoints ? "savepoint-" : "chk-")).toList()) {
            Path md = cp.resolve(METADATA);
            if (Files.isRegularFile(md)) {
              out.add(new Retained(cp, Files.getLastModifiedTime(md), savepoints));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints under " + root, e);
    }
    out.sort(Comparator.comparing(Retained::written).reversed().thenComparing(r -> r.dir().toString(),
        Comparator.reverseOrder()));
    return out;
  }

  /** The newest complete checkpoint or savepoint, if any. */
  public Optional<Retained> newest() {
    List<Retained> all = complete();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Marks the checkpoints of {@code jobId} as not resumable (the job finished its input). */
  public void markFinished(String jobId) {
    Path job = root.resolve(jobId);
    if (Files.isDirectory(job)) {
      try {
        Files.writeString(job.resolve(FINISHED_MARKER), "input ended (--idle-stop); not resumable\n");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot mark " + job + " finished", e);
      }
    }
  }

  /**
   * Deletes all but the {@code keep} newest complete checkpoints/savepoints (never {@code protect}, the
   * one being resumed from), incomplete checkpoints of other jobs (left by a crash) and job directories
   * left empty or marked finished. Checkpoints are full (heap state backend), so deleting one never
   * breaks another. Returns the deleted directories.
   */
  public List<Path> prune(int keep, Path protect) {
    List<Path> deleted = new ArrayList<>();
    List<Retained> all = complete();
    for (int i = keep; i < all.size(); i++) {
      Path d = all.get(i).dir();
      if (!d.equals(protect)) {
        deleteTree(d);
        deleted.add(d);
      }
    }
    if (!Files.isDirectory(root)) {
      return deleted;
    }
    try (Stream<Path> jobs = Files.list(root)) {
      for (Path job : jobs.filter(Files::isDirectory).filter(j -> !j.equals(savepointDir())).toList()) {
        boolean finished = Files.exists(job.resolve(FINISHED_MARKER));
        boolean holdsProtected = protect != null && protect.startsWith(job);
        try (Stream<Path> cps = Files.list(job)) {
          for (Path cp : cps.filter(p -> p.getFileName().toString().startsWith("chk-")).toList()) {
            if ((finished || !Files.exists(cp.resolve(METADATA))) && !cp.equals(protect)) {
              deleteTree(cp);
              deleted.add(cp);
            }
          }
        }
        boolean anyLeft;
        try (Stream<Path> cps = Files.list(job)) {
          anyLeft = cps.anyMatch(p -> p.getFileName().toString().startsWith("chk-"));
        }
        if (!anyLeft && !holdsProtected) {
          deleteTree(job);
          deleted.add(job);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prune checkpoints under " + root, e);
    }
    return deleted;
  }

  private static void deleteTree(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }
}

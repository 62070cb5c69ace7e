package io.tickstream.jobs.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the checkpoint a new {@code record} resumes from, and retention, on Flink's directory layout. */
class RecordCheckpointsTest {

  static Path checkpoint(Path dir, long mtimeMs, boolean complete) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("state"), "x");
    if (complete) {
      Path md = dir.resolve("_metadata");
      Files.writeString(md, "m");
      Files.setLastModifiedTime(md, FileTime.fromMillis(mtimeMs));
    }
    return dir;
  }

  @Test
  void newestCompleteCheckpointOrSavepointIsChosenAndOldOnesArePruned(@TempDir Path data) throws Exception {
    Path root = RecordCheckpoints.stationRoot(data, "AC0G", "rx 888/1");
    assertEquals(data.resolve("checkpoints/record/AC0G-rx_888_1"), root);
    RecordCheckpoints c = new RecordCheckpoints(root);
    assertTrue(c.newest().isEmpty(), "nothing retained yet");

    Path a3 = checkpoint(root.resolve("job-a/chk-3"), 1_000, true);
    Path a4 = checkpoint(root.resolve("job-a/chk-4"), 2_000, false);  // crashed while writing: incomplete
    Path sp = checkpoint(root.resolve("savepoints/savepoint-abc-1"), 3_000, true);
    Path b7 = checkpoint(root.resolve("job-b/chk-7"), 4_000, true);
    Path b8 = checkpoint(root.resolve("job-b/chk-8"), 5_000, true);
    assertEquals(b8, c.newest().orElseThrow().dir());
    assertEquals(List.of(b8, b7, sp, a3), c.complete().stream().map(RecordCheckpoints.Retained::dir).toList());

    // a job that ended its input: its final checkpoint holds a finished source and is never chosen
    c.markFinished("job-b");
    assertEquals(sp, c.newest().orElseThrow().dir());
    assertTrue(c.newest().orElseThrow().savepoint());

    List<Path> deleted = c.prune(1, a3);
    assertTrue(Files.exists(sp.resolve("_metadata")), "newest kept");
    assertTrue(Files.exists(a3.resolve("_metadata")), "the one resumed from is never deleted");
    assertFalse(Files.exists(a4), "incomplete checkpoint of a dead job removed");
    assertFalse(Files.exists(root.resolve("job-b")), "finished job's checkpoints removed");
    assertTrue(deleted.contains(a4) && deleted.contains(root.resolve("job-b")), deleted.toString());

    c.prune(1, null);
    assertFalse(Files.exists(root.resolve("job-a")), "older than the newest one and not protected");
    assertEquals(List.of(sp), c.complete().stream().map(RecordCheckpoints.Retained::dir).toList());
  }
}

package io.tickstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.jobs.JobRuntime;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class FlinkOptionsTest {
  @Command(name = "job")
  static final class Job {
    @Mixin FlinkOptions flink;
  }

  private static FlinkOptions parse(String... args) {
    Job j = new Job();
    new CommandLine(j).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return j.flink;
  }

  @Test
  void modeDefaultsToTheCommandsChoiceAndFlagsOverride() {
    assertEquals(new JobRuntime(RuntimeExecutionMode.BATCH, 0, null), parse().runtime(RuntimeExecutionMode.BATCH));
    assertEquals(new JobRuntime(RuntimeExecutionMode.STREAMING, 3, "jm:8081"),
        parse("--mode", "streaming", "--parallelism", "3", "--flink-rest", "jm:8081").runtime(RuntimeExecutionMode.BATCH));
  }

  @Test
  void badValuesAreRejectedClearly() {
    assertThrows(CommandLine.ParameterException.class, () -> parse("--mode", "automatic"));
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
        () -> parse("--parallelism", "-1").runtime(RuntimeExecutionMode.BATCH));
    assertTrue(p.getMessage().contains("parallelism"));
    IllegalArgumentException rest = assertThrows(IllegalArgumentException.class,
        () -> parse("--flink-rest", "jm").runtime(RuntimeExecutionMode.BATCH).environment());
    assertTrue(rest.getMessage().contains("host:port"), rest.getMessage());
  }
}

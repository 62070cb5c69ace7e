package io.tickstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.YamlParserUtils;
import org.junit.jupiter.api.Test;

/**
 * The cluster files parse and say what they mean: flink-conf/config.yaml through Flink 2.2's own
 * loader (every key must be a real Flink option, so a typo cannot be silently ignored), and
 * docker-compose.yml's services and mounts point at files the build produces.
 */
class DeploymentFilesTest {
  static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
      Path.of("").toAbsolutePath().getParent().toString()));

  @Test
  void flinkConfigHasCheckpointingStateBackendRestartsAndPrometheus() throws Exception {
    Configuration c = GlobalConfiguration.loadConfiguration(ROOT.resolve("flink-conf").toString());
    assertEquals(Duration.ofSeconds(60), c.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
    assertEquals(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION,
        c.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
    assertTrue(c.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
    assertEquals("file:///flink-data/checkpoints", c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    assertEquals("rocksdb", c.get(StateBackendOptions.STATE_BACKEND));
    assertEquals("exponential-delay", c.get(RestartStrategyOptions.RESTART_STRATEGY));
    assertEquals(Duration.ofMinutes(2), c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF));
    assertEquals(4, c.get(TaskManagerOptions.NUM_TASK_SLOTS));
    String reporter = c.getString("metrics.reporter.prom.factory.class", null);
    assertEquals("org.apache.flink.metrics.prometheus.PrometheusReporterFactory", reporter);
    Class.forName(reporter);
  }

  @Test
  void everyFlinkConfigKeyIsAKnownFlinkOption() throws Exception {
    Set<String> known = new HashSet<>();
    for (Class<?> options : List.of(CheckpointingOptions.class, StateBackendOptions.class, RestartStrategyOptions.class,
        JobManagerOptions.class, TaskManagerOptions.class, RestOptions.class, CoreOptions.class, MetricOptions.class)) {
      for (Field f : options.getFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
          ConfigOption<?> o = (ConfigOption<?>) f.get(null);
          known.add(o.key());
          for (FallbackKey k : o.fallbackKeys()) {
            known.add(k.getKey());
          }
        }
      }
    }
    Map<String, Object> yaml = YamlParserUtils.loadYamlFile(ROOT.resolve("flink-conf/config.yaml").toFile());
    Configuration c = GlobalConfiguration.loadConfiguration(ROOT.resolve("flink-conf").toString());
    assertTrue(yaml.size() > 5);
    for (String key : c.keySet()) {
      boolean reporterKey = key.startsWith("metrics.reporter.prom.");
      assertTrue(known.contains(key) || reporterKey, "flink-conf/config.yaml: unknown Flink option '" + key + "'");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeDefinesTheStackAndMountsFilesTheBuildProduces() throws Exception {
    File compose = ROOT.resolve("docker-compose.yml").toFile();
    Map<String, Object> doc = YamlParserUtils.loadYamlFile(compose);
    Map<String, Object> services = (Map<String, Object>) doc.get("services");
    assertTrue(services.keySet().containsAll(List.of("kafka", "postgres", "jobmanager", "taskmanager", "api")),
        services.keySet().toString());
    String text = Files.readString(compose.toPath());
    assertTrue(text.contains("./jobs/target/tickstream-jobs-cluster.jar:"), "cluster jar mounted into Flink");
    assertTrue(text.contains("./jobs/target/tickstream-jobs.jar:"), "embedded jar runs the API");
    assertTrue(text.contains("KAFKA_PROCESS_ROLES: broker,controller"), "Kafka in KRaft mode");
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    assertTrue(pom.contains("<jobs.jar.name>tickstream-jobs</jobs.jar.name>")
        && pom.contains("<jobs.jar.name>tickstream-jobs-cluster</jobs.jar.name>"), "jar names match the poms");
    for (String dir : List.of("flink-conf")) {
      assertTrue(text.contains("./" + dir + ":") && Files.isDirectory(ROOT.resolve(dir)), dir);
    }
  }
}

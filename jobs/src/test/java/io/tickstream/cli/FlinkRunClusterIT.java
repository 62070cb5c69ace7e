package io.tickstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tickstream.connectors.db.Database;
import io.tickstream.connectors.db.testing.TestDatabases;
import io.tickstream.connectors.kafka.AvroSingleObjectSchema;
import io.tickstream.connectors.kafka.IqBlockAvro;
import io.tickstream.connectors.kafka.KafkaTopics;
import io.tickstream.connectors.kafka.testing.TestKafka;
import io.tickstream.connectors.rtp.IqSignal;
import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import io.tickstream.jobs.hf.SimulatedWwv;
import io.tickstream.jobs.testing.TestStation;
import io.tickstream.schemas.avro.ClockOffsetMeasurement;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production path of README "Cluster deployment": {@code tickstream-jobs-cluster.jar} (built by
 * {@code package}) submitted with Flink's own {@code flink run} client to a running standalone Flink
 * session cluster, no MiniCluster anywhere.
 *
 * <p>Three JVMs besides this one, started from a stand-in Flink 2.2 distribution: the Flink runtime jars of
 * this test's class path and nothing of tickstream (exactly the artifacts the cluster jar leaves out):
 * <ul>
 *   <li>JobManager: {@code StandaloneSessionClusterEntrypoint} (what {@code bin/jobmanager.sh} starts),</li>
 *   <li>TaskManager: {@code TaskManagerRunner} ({@code bin/taskmanager.sh}),</li>
 *   <li>client: {@code CliFrontend run -m localhost:<rest> -c io.tickstream.cli.TickstreamCli <jar> run ...}
 *       ({@code bin/flink run}): the jar's main builds the graph in the client and submits it with the jar;
 *       the TaskManager loads tickstream's classes through Flink's child-first user-code class loader.</li>
 * </ul>
 * Input: generated WWV IQ blocks (known D_clock) in {@code iq-blocks} on this JVM's KRaft broker, as the
 * RTP bridge writes them; database: embedded PostgreSQL over TCP. The job's sinks run in the TaskManager,
 * whose environment has no tickstream settings and whose working directory differs from the client's: the
 * configuration must travel inside the job. Checked: the job ran on the cluster (REST), fused D_clock rows
 * in {@code clock_offset} within 0.5 ms of the truth, the same values in the FUSED series CSV and in
 * {@code clock-offsets}, and the {@code ingest_run}.
 */
class FlinkRunClusterIT {
  static final int FS = 8000;
  static final double D_CLOCK_MS = 2.7;
  static final String GRID = "EM38ww";
  /** 14:03:50 .. 14:06:05: minutes 14:04 and 14:05 complete with margins. */
  static final long START_NS = Instant.parse("2025-06-15T14:03:50Z").getEpochSecond() * 1_000_000_000L;
  static final long DURATION_NS = 135_000_000_000L;
  static final long MINUTE_NS = START_NS + 10_000_000_000L;
  static final int BLOCK_FRAMES = 320;

  /**
   * What a Flink 2.2 distribution's {@code lib/} provides (flink-dist and the log4j jars): the artifacts
   * that the cluster jar excludes (jobs/pom.xml, execution cluster-jar; the -Pcluster {@code provided} set)
   * plus the dependencies of the Flink runtime that the jar also bundles. group/artifact as Maven paths.
   */
  static final List<String> FLINK_DIST = List.of(
      "org/apache/flink/flink-annotations", "org/apache/flink/flink-clients", "org/apache/flink/flink-connector-datagen",
      "org/apache/flink/flink-core-api", "org/apache/flink/flink-core", "org/apache/flink/flink-datastream-api",
      "org/apache/flink/flink-datastream", "org/apache/flink/flink-file-sink-common", "org/apache/flink/flink-hadoop-fs",
      "org/apache/flink/flink-metrics-core", "org/apache/flink/flink-queryable-state-client-java",
      "org/apache/flink/flink-rpc-akka-loader", "org/apache/flink/flink-rpc-core", "org/apache/flink/flink-runtime",
      "org/apache/flink/flink-shaded-asm-9", "org/apache/flink/flink-shaded-guava", "org/apache/flink/flink-shaded-jackson",
      "org/apache/flink/flink-shaded-netty", "org/apache/flink/flink-shaded-zookeeper-3",
      "org/apache/flink/flink-streaming-java",
      "com/esotericsoftware/kryo", "com/esotericsoftware/minlog", "com/esotericsoftware/reflectasm",
      "commons-cli/commons-cli", "commons-collections/commons-collections", "org/apache/commons/commons-text",
      "org/javassist/javassist", "org/objenesis/objenesis", "tools/profiler/async-profiler",
      "org/apache/commons/commons-lang3", "org/apache/commons/commons-math3", "org/apache/commons/commons-compress",
      "commons-io/commons-io", "org/snakeyaml/snakeyaml-engine", "at/yawk/lz4/lz4-java", "org/xerial/snappy/snappy-java",
      "com/google/code/findbugs/jsr305", "org/slf4j/slf4j-api",
      "org/apache/logging/log4j/log4j-api", "org/apache/logging/log4j/log4j-core",
      "org/apache/logging/log4j/log4j-slf4j2-impl");

  /** The JVM options bin/flink, jobmanager.sh and taskmanager.sh pass (env.java.opts.all of the distribution). */
  static final List<String> JAVA_OPTS = List.of(
      "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  static TestKafka kafka;
  static final List<Process> processes = new ArrayList<>();

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = TestKafka.start();
    kafka.createTopic(KafkaTopics.IQ_BLOCKS, 2, Map.of());
    kafka.createTopic(KafkaTopics.IQ_BLOCKS_DEAD_LETTER, 1, Map.of());
    kafka.createTopic(KafkaTopics.CLOCK_OFFSETS, 1, Map.of("cleanup.policy", "compact"));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void clusterJarRunsUnderFlinkRunOnAStandaloneClusterFromKafka(@TempDir Path dir) throws Exception {
    String jarProperty = System.getProperty("tickstream.cluster.jar");
    assumeTrue(jarProperty != null && Files.isRegularFile(Path.of(jarProperty)),
        "tickstream-jobs-cluster.jar not built (" + jarProperty + "): run through `mvn verify`, whose package phase"
            + " builds it before this integration test");
    Path jar = Path.of(jarProperty).toAbsolutePath();
    String flinkCp = flinkDistClasspath();

    // the stand-in cluster: conf dir, JobManager and TaskManager JVMs with empty tickstream environments
    int restPort = freePort();
    Path conf = Files.createDirectories(dir.resolve("flink-conf"));
    Files.writeString(conf.resolve("config.yaml"), clusterConfig(restPort, freePort()));
    Files.writeString(conf.resolve("log4j.properties"), """
        rootLogger.level = INFO
        rootLogger.appenderRef.file.ref = MainAppender
        appender.main.name = MainAppender
        appender.main.type = File
        appender.main.fileName = ${sys:log.file}
        appender.main.layout.type = PatternLayout
        appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n
        """);
    Path logs = Files.createDirectories(dir.resolve("log"));
    Process jm = start(List.of("-Xmx512m"), flinkCp, conf, logs, "jobmanager", Files.createDirectories(dir.resolve("jm")),
        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "--configDir", conf.toString());
    Process tm = start(List.of("-Xmx832m", "-Xms832m", "-XX:MaxDirectMemorySize=320m", "-XX:MaxMetaspaceSize=256m"),
        flinkCp, conf, logs, "taskmanager", Files.createDirectories(dir.resolve("tm")),
        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "--configDir", conf.toString());
    awaitSlots(restPort, logs, jm, tm);

    // the input: what the RTP bridge writes, two channels of generated WWV (key = channel, one partition each)
    long blocks = feedIqBlocks();

    // the station file on the submitting machine; database reachable over TCP from every JVM
    Path client = Files.createDirectories(dir.resolve("client"));
    Path station = client.resolve("station.toml");
    Files.writeString(station, TestStation.wwv("flinkrun-rx", freePort(), freePort()));
    String url = TestDatabases.freshPostgresUrl();
    // DATA_DIR "a file system all TaskManagers share", given relative (as the default ./data): it means the
    // client's working directory, where the checkpoints go too, not the TaskManager's
    Path dataDir = client.resolve("shared-data");

    // 3. `flink run` (attached): CliFrontend with FLINK_CONF_DIR, the cluster jar and tickstream's `run` command
    Path clientOut = logs.resolve("flink-run.out");
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m"));
    cmd.addAll(JAVA_OPTS);
    cmd.addAll(List.of("-Dlog.file=" + logs.resolve("flink-client.log"),
        "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri(),
        "-cp", flinkCp, "org.apache.flink.client.cli.CliFrontend",
        "run", "-m", "localhost:" + restPort, "-c", "io.tickstream.cli.TickstreamCli", jar.toString(),
        "run", "--config", station.toString(), "--input", "kafka", "--until-end", "--kafka-bootstrap", kafka.bootstrap(),
        "--db-url", url, "--data-dir", "shared-data", "--checkpoint-interval", "2", "--parallelism", "1"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(client.toFile()).redirectErrorStream(true)
        .redirectOutput(clientOut.toFile());
    clean(pb.environment()).put("FLINK_CONF_DIR", conf.toString());
    long t0 = System.nanoTime();
    Process run = pb.start();
    processes.add(run);
    if (!run.waitFor(300, TimeUnit.SECONDS)) {
      run.destroyForcibly();
      fail("flink run did not finish in 300 s\n" + diagnostics(logs));
    }
    String out = Files.readString(clientOut);
    System.out.printf("flink run finished in %.1f s (%d IQ blocks); its output:%n%s%n", (System.nanoTime() - t0) / 1e9,
        blocks, out);
    String keep = System.getProperty("tickstream.it.keep-logs"); // e.g. -Dtickstream.it.keep-logs=/tmp/flinkrun-logs
    if (keep != null) {
      Files.createDirectories(Path.of(keep));
      try (var files = Files.list(logs)) {
        for (Path f : files.toList()) {
          Files.copy(f, Path.of(keep).resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    assertEquals(0, run.exitValue(), "flink run exit code\n" + diagnostics(logs));
    for (String s : List.of("Job has been submitted with JobID", "run: starting a new session",
        "IQ input           Kafka topic iq-blocks at " + kafka.bootstrap(),
        "D_clock to Kafka   topic clock-offsets at " + kafka.bootstrap())) {
      assertTrue(out.contains(s), s + " in\n" + out);
    }

    // the job ran on the cluster: the JobManager knows it, FINISHED
    String jobs = get(restPort, "/jobs/overview");
    assertTrue(jobs.contains("tickstream run: HF Phases 2,3") && jobs.contains("\"state\":\"FINISHED\""), jobs);
    String tmLog = Files.readString(logs.resolve("taskmanager.log"));
    assertTrue(tmLog.contains("HF") || tmLog.contains("tickstream"), "tasks in the TaskManager's log");

    assertTrue(!Files.exists(dir.resolve("tm/shared-data")), "nothing under the TaskManager's working directory");
    assertTrue(Files.isDirectory(dataDir.resolve("checkpoints/run-kafka")), "checkpoints under the client's DATA_DIR");

    // outputs written by the TaskManager: table rows, series CSV, Kafka topic
    Map<Long, Double> db = dbFused(url);
    Map<Long, Double> csv = csvFused(dataDir.resolve("clock_offset/FUSED/v1/clock_offset_series.csv"));
    Map<Long, Double> topic = new TreeMap<>();
    AvroSingleObjectSchema<ClockOffsetMeasurement> schema = AvroSingleObjectSchema.of(ClockOffsetMeasurement.class);
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(KafkaTopics.CLOCK_OFFSETS)) {
      ClockOffsetMeasurement m = schema.deserialize(r.value());
      if ("FUSED".equals(m.getChannel())) {
        topic.put(m.getMinuteUtcNs(), m.getClockOffsetMs());
      }
    }
    for (long minute : new long[] {MINUTE_NS, MINUTE_NS + 60_000_000_000L}) {
      String at = Instant.ofEpochSecond(0, minute).toString();
      assertTrue(db.containsKey(minute), "clock_offset FUSED row of " + at + " in " + db);
      assertEquals(D_CLOCK_MS, db.get(minute), 0.5, "fused D_clock of " + at);
      assertTrue(csv.containsKey(minute), "series CSV row of " + at + " in " + csv);
      assertEquals(db.get(minute), csv.get(minute), 0.0005, "CSV (3 decimals) = table, " + at);
      assertEquals(db.get(minute), topic.get(minute), 0.0, "clock-offsets = table, " + at);
    }
    try (Database d = Database.open(url); Connection c = d.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT status, params->>'input', msg FROM ingest_run WHERE job_name = 'hf-run'")) {
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "ingest_run of the run");
        assertEquals("ok", rs.getString(1), rs.getString(3));
        assertEquals("kafka", rs.getString(2));
      }
    }
  }

  /** Avro IqBlocks of WWV 10 and 15 MHz, 40 ms each, in time order, channel i to partition i. */
  static long feedIqBlocks() throws Exception {
    AvroSingleObjectSchema<io.tickstream.schemas.avro.IqBlock> schema =
        AvroSingleObjectSchema.of(io.tickstream.schemas.avro.IqBlock.class);
    Map<String, IqSignal> channels = new LinkedHashMap<>();
    channels.put("WWV_10_MHz", SimulatedWwv.signal(GRID, 10, FS, D_CLOCK_MS, MINUTE_NS, 1));
    channels.put("WWV_15_MHz", SimulatedWwv.signal(GRID, 15, FS, D_CLOCK_MS, MINUTE_NS, 2));
    Rational rate = Rational.of(FS);
    long first = rate.indexAtOrAfter(START_NS);
    long end = first + DURATION_NS / 1_000_000_000L * FS;
    Properties pp = new Properties();
    pp.put("bootstrap.servers", kafka.bootstrap());
    pp.put("linger.ms", "20");
    long n = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
      double[] iq = new double[2 * BLOCK_FRAMES];
      for (long i = first; i < end; i += BLOCK_FRAMES) {
        int partition = 0;
        for (Map.Entry<String, IqSignal> ch : channels.entrySet()) {
          ch.getValue().render(i, BLOCK_FRAMES, iq);
          float[] f = new float[iq.length];
          for (int k = 0; k < iq.length; k++) {
            f[k] = (float) iq[k];
          }
          IqBlock b = IqBlock.ofFloat32(ch.getKey(), i, rate, rate.timeNsOfIndexFloor(i), true, f, 0);
          producer.send(new ProducerRecord<>(KafkaTopics.IQ_BLOCKS, partition++,
              ch.getKey().getBytes(StandardCharsets.UTF_8), schema.serialize(IqBlockAvro.toAvro(b))));
          n++;
        }
      }
      producer.flush();
    }
    return n;
  }

  static String clusterConfig(int restPort, int rpcPort) {
    return """
        jobmanager.rpc.address: localhost
        jobmanager.rpc.port: %d
        jobmanager.bind-host: localhost
        jobmanager.memory.process.size: 1024m
        rest.address: localhost
        rest.bind-address: localhost
        rest.port: %d
        taskmanager.host: localhost
        taskmanager.bind-host: localhost
        taskmanager.numberOfTaskSlots: 2
        taskmanager.cpu.cores: 2
        taskmanager.memory.framework.heap.size: 64m
        taskmanager.memory.task.heap.size: 768m
        taskmanager.memory.managed.size: 64m
        taskmanager.memory.network.min: 64m
        taskmanager.memory.network.max: 64m
        taskmanager.memory.framework.off-heap.size: 128m
        taskmanager.memory.task.off-heap.size: 128m
        taskmanager.memory.jvm-metaspace.size: 256m
        taskmanager.memory.jvm-overhead.min: 192m
        taskmanager.memory.jvm-overhead.max: 192m
        parallelism.default: 1
        classloader.resolve-order: child-first
        """.formatted(rpcPort, restPort);
  }

  /** The stand-in Flink distribution: {@link #FLINK_DIST} found on this JVM's class path (each exactly once). */
  static String flinkDistClasspath() {
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    String[] cp = System.getProperty("java.class.path").split(File.pathSeparator);
    for (String ga : FLINK_DIST) {
      String artifact = ga.substring(ga.lastIndexOf('/') + 1);
      List<String> hits = new ArrayList<>();
      for (String e : cp) {
        Path p = Path.of(e);
        String s = p.toString().replace(File.separatorChar, '/');
        // .../<group>/<artifact>/<version>/<artifact>-<version>.jar (no test-jars, no classifiers)
        if (s.contains("/" + ga + "/") && p.getParent() != null
            && p.getFileName().toString().equals(artifact + "-" + p.getParent().getFileName() + ".jar")) {
          hits.add(e);
        }
      }
      if (hits.size() != 1) {
        missing.add(ga + " " + hits);
      } else {
        found.add(hits.get(0));
      }
    }
    assertTrue(missing.isEmpty(), "Flink distribution jars not found exactly once on the test class path: " + missing);
    return String.join(File.pathSeparator, found);
  }

  static Process start(List<String> jvm, String cp, Path conf, Path logs, String name, Path workDir, String main,
      String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(jvm);
    cmd.addAll(JAVA_OPTS);
    cmd.addAll(List.of("-Dlog.file=" + logs.resolve(name + ".log"),
        "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri(), "-cp", cp, main));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + ".out").toFile());
    clean(pb.environment()).put("FLINK_CONF_DIR", conf.toString());
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** No tickstream settings from the environment: they must reach the cluster inside the job. */
  static Map<String, String> clean(Map<String, String> env) {
    env.keySet().removeIf(k -> k.equals("DB_URL") || k.equals("DATA_DIR") || k.equals("KAFKA_BOOTSTRAP")
        || k.startsWith("TICKSTREAM_") || k.startsWith("FLINK_") || k.equals("JAVA_TOOL_OPTIONS"));
    return env;
  }

  static void awaitSlots(int restPort, Path logs, Process... cluster) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String last = "";
    while (System.nanoTime() < deadline) {
      for (Process p : cluster) {
        if (!p.isAlive()) {
          fail("cluster JVM exited with " + p.exitValue() + "\n" + diagnostics(logs));
        }
      }
      try {
        last = get(restPort, "/overview");
        if (last.contains("\"slots-total\":2")) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    fail("no TaskManager slots after 120 s: " + last + "\n" + diagnostics(logs));
  }

  static String get(int restPort, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + restPort + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  static String diagnostics(Path logs) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(logs)) {
      for (Path f : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        List<String> tail = lines.subList(Math.max(0, lines.size() - 60), lines.size());
        List<String> errors = lines.stream().filter(l -> l.contains("Exception") || l.contains("ERROR")).limit(30).toList();
        sb.append("==== ").append(f.getFileName()).append(" (first errors)\n").append(String.join("\n", errors))
            .append("\n==== ").append(f.getFileName()).append(" (tail)\n").append(String.join("\n", tail)).append('\n');
      }
    }
    return sb.toString();
  }

  static Map<Long, Double> dbFused(String url) throws Exception {
    Map<Long, Double> rows = new TreeMap<>();
    try (Database db = Database.open(url); Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT minute_utc, clock_offset_ms FROM clock_offset WHERE channel = 'FUSED'")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant t = rs.getTimestamp(1).toInstant();
          rows.put(t.getEpochSecond() * 1_000_000_000L + t.getNano(), rs.getDouble(2));
        }
      }
    }
    return rows;
  }

  /** FUSED series CSV: minute (UTC, from the utc_time column) → clock_offset_ms. */
  static Map<Long, Double> csvFused(Path csv) throws IOException {
    Map<Long, Double> rows = new TreeMap<>();
    assertTrue(Files.isRegularFile(csv), csv + " written by the TaskManager");
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    int minuteCol = header.indexOf("minute_boundary_utc");
    int offsetCol = header.indexOf("clock_offset_ms");
    assertTrue(minuteCol >= 0 && offsetCol >= 0, "columns in " + header);
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.split(",", -1);
      double minuteS = Double.parseDouble(v[minuteCol]);
      rows.put(Math.round(minuteS) * 1_000_000_000L, Double.parseDouble(v[offsetCol]));
    }
    return rows;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}

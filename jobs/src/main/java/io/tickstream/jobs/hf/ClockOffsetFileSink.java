package io.tickstream.jobs.hf;

import io.tickstream.core.hf.clock.ClockOffsetCsv;
import io.tickstream.core.hf.clock.ClockOffsetJson;
import io.tickstream.core.hf.clock.ClockOffsetMeasurement;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@code DATA_DIR/clock_offset/<CHANNEL>/<version>/clock_offset_series.csv} and {@code .json}
 * (seeds/003 §4.6, §7.3; columns DOMAIN.md §1.8; the fused series under {@code FUSED}). Each file is
 * a merge keyed by {@code system_time}: rows already on disk are kept, rows of this run replace the
 * same minute, so a restarted or repeated run converges to the same files. Files are rewritten
 * atomically (temp + rename) on every flush (checkpoint / end of input). Use parallelism 1.
 */
public final class ClockOffsetFileSink implements Sink<ClockOffsetRow> {
  static final String CSV = "clock_offset_series.csv";
  static final String JSON = "clock_offset_series.json";
  private final String dataDir;
  private final HfJobConfig config;

  public ClockOffsetFileSink(String dataDir, HfJobConfig config) {
    this.dataDir = dataDir;
    this.config = config;
  }

  /** Directory of a channel's series of a version. */
  public static Path seriesDir(Path dataDir, String channel, String version) {
    return dataDir.resolve("clock_offset").resolve(channel).resolve(version);
  }

  @Override
  public SinkWriter<ClockOffsetRow> createWriter(WriterInitContext context) {
    return new Writer();
  }

  private record Lines(String csv, String json) {}

  private final class Writer implements SinkWriter<ClockOffsetRow> {
    private final Map<String, TreeMap<Long, Lines>> series = new HashMap<>();
    private final Map<String, Double> frequencies = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();

    @Override
    public void write(ClockOffsetRow row, Context context) {
      TreeMap<Long, Lines> s = series.computeIfAbsent(row.channel(), this::load);
      frequencies.put(row.channel(), row.fused() ? Double.NaN : row.frequencyHz());
      ClockOffsetMeasurement m = row.measurement();
      long key = Math.floorDiv(m.systemTimeNs(), 1000L);
      Lines fresh = render(row.channel(), row.frequencyHz(), m);
      Lines old = s.get(key);
      if (old != null && withoutProcessedAt(old.csv()).equals(withoutProcessedAt(fresh.csv()))
          && old.json().equals(fresh.json())) {
        return; // same values: keep the row (and its processed_at) as it is
      }
      s.put(key, fresh);
      dirty.add(row.channel());
    }

    private Lines render(String channel, double frequencyHz, ClockOffsetMeasurement m) {
      try {
        StringWriter c = new StringWriter();
        new ClockOffsetCsv(c, config.processedAt()).write(m);
        StringWriter j = new StringWriter();
        ClockOffsetJson.write(j, channel, frequencyHz, config.receiverGrid(), config.version(), List.of(m));
        return new Lines(c.toString().split("\n")[1], jsonMeasurement(j.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String withoutProcessedAt(String csvLine) {
      return csvLine.substring(0, csvLine.lastIndexOf(','));
    }

    private static String jsonMeasurement(String doc) {
      for (String line : doc.split("\n")) {
        if (line.startsWith("    {")) {
          return line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
        }
      }
      throw new IllegalStateException("no measurement line in " + doc);
    }

    /** Rows already on disk for this channel/version (a restart or a repeated run merges into them). */
    private TreeMap<Long, Lines> load(String channel) {
      TreeMap<Long, Lines> out = new TreeMap<>();
      Path dir = seriesDir(Path.of(dataDir), channel, config.version());
      Path csv = dir.resolve(CSV);
      Path json = dir.resolve(JSON);
      if (!Files.isRegularFile(csv) || !Files.isRegularFile(json)) {
        return out;
      }
      try {
        Map<Long, String> jsonLines = new HashMap<>();
        for (String line : Files.readAllLines(json, StandardCharsets.UTF_8)) {
          if (line.startsWith("    {")) {
            String l = line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
            int at = l.indexOf("\"system_time\": ") + 15;
            jsonLines.put(micros(l.substring(at, l.indexOf(',', at))), l);
          }
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
          long key = micros(line.substring(0, line.indexOf(',')));
          String j = jsonLines.get(key);
          if (j == null) {
            throw new IOException(json + " has no measurement for system_time of " + csv + " line '" + line + "'");
          }
          out.put(key, new Lines(line, j));
        }
        return out;
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("cannot read the existing series in " + dir + ": " + e.getMessage(), e);
      }
    }

    private static long micros(String epochSeconds) {
      String[] p = epochSeconds.trim().split("\\.");
      return Long.parseLong(p[0]) * 1_000_000L + (p.length > 1 ? Long.parseLong((p[1] + "000000").substring(0, 6)) : 0);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      for (String channel : dirty) {
        Path dir = seriesDir(Path.of(dataDir), channel, config.version());
        Files.createDirectories(dir);
        TreeMap<Long, Lines> s = series.get(channel);
        StringBuilder csv = new StringBuilder(String.join(",", ClockOffsetCsv.COLUMNS)).append('\n');
        StringBuilder json = new StringBuilder();
        StringWriter head = new StringWriter();
        Double f = frequencies.get(channel);
        ClockOffsetJson.write(head, channel, f == null ? Double.NaN : f, config.receiverGrid(), config.version(),
            List.of());
        String h = head.toString();
        json.append(h, 0, h.lastIndexOf("[") + 1);
        boolean first = true;
        for (Lines l : s.values()) {
          csv.append(l.csv()).append('\n');
          json.append(first ? "\n" : ",\n").append(l.json());
          first = false;
        }
        json.append(s.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        replace(dir.resolve(CSV), csv.toString());
        replace(dir.resolve(JSON), json.toString());
      }
      dirty.clear();
    }

    private static void replace(Path file, String content) throws IOException {
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {}
  }
}

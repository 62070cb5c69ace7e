package io.tickstream.jobs.hf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
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
 * Writes the per-method daily evidence CSVs ({@link MinuteEvidenceCsv}) to
 * {@code DATA_DIR/clock_offset/<CHANNEL>/<version>/<CHANNEL>_<method>_<YYYYMMDD>.csv}. Like
 * {@link ClockOffsetFileSink}: each file is merged with the one on disk by minute ({@code timestamp_utc}),
 * unchanged rows are kept, and a changed file is rewritten atomically (temp + rename) on every flush
 * (checkpoint / end of input); a rerun of the same version leaves the files byte-identical. Use
 * parallelism 1.
 */
public final class EvidenceCsvSink implements Sink<EvidenceLine> {
  private final String dataDir;
  private final String version;

  public EvidenceCsvSink(String dataDir, String version) {
    this.dataDir = dataDir;
    this.version = version;
  }

  @Override
  public SinkWriter<EvidenceLine> createWriter(WriterInitContext context) {
    return new Writer();
  }

  private final class Writer implements SinkWriter<EvidenceLine> {
    private final Map<Path, TreeMap<Long, String>> files = new HashMap<>();
    private final Map<Path, String> methods = new HashMap<>();
    private final Set<Path> dirty = new HashSet<>();

    @Override
    public void write(EvidenceLine e, Context context) {
      Path file = ClockOffsetFileSink.seriesDir(Path.of(dataDir), e.channel(), version).resolve(e.fileName());
      methods.put(file, e.method());
      TreeMap<Long, String> rows = files.computeIfAbsent(file, f -> load(f, header(e.method())));
      if (!e.csvLine().equals(rows.put(e.minuteStartSystemNs(), e.csvLine()))) {
        dirty.add(file);
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      for (Path file : dirty) {
        StringBuilder csv = new StringBuilder(header(methods.get(file))).append('\n');
        for (String line : files.get(file).values()) {
          csv.append(line).append('\n');
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, csv.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      dirty.clear();
    }

    @Override
    public void close() {}
  }

  static String header(String method) {
    return String.join(",", MinuteEvidenceCsv.COLUMNS.get(method));
  }

  /**
   * Rows already in {@code file}, keyed by their minute (first column, an ISO instant; consecutive
   * rows of one minute are kept together). A file written with other columns (an earlier release) is
   * not merged: it is renamed to {@code <name>.superseded} (logged) and the file starts afresh.
   */
  static TreeMap<Long, String> load(Path file, String header) {
    TreeMap<Long, String> out = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty() && !lines.get(0).equals(header)) {
        Path old = file.resolveSibling(file.getFileName() + ".superseded");
        Files.move(file, old, StandardCopyOption.REPLACE_EXISTING);
        LOG.warn("{} has other columns than this release writes; moved it to {} and starting the file afresh", file, old);
        return out;
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        Instant t = Instant.parse(line.substring(0, line.indexOf(',')));
        out.merge(t.getEpochSecond() * 1_000_000_000L + t.getNano(), line, (x, y) -> x + "\n" + y);
      }
      return out;
    } catch (IOException | RuntimeException ex) {
      throw new IllegalStateException("cannot read the existing evidence CSV " + file + ": " + ex.getMessage(), ex);
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EvidenceCsvSink.class);
}

package io.tickstream.connectors.drf;

import io.tickstream.core.signal.IqBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once Digital RF sink: {@link IqBlock}s are written per channel ({@link IqBlock#channel()})
 * under {@code <topDir>/<channel>/} with {@link DigitalRfWriter} (one write call per block). Data
 * files are written as {@code tmp.rf@…}; a file that is complete (a later file was started, or end of
 * input) becomes a committable and is renamed to its final name only when the checkpoint that
 * covers it completes. The unfinished file's writes are kept in checkpointed state and replayed
 * into a fresh temp file on restore, so after a failure the archive holds every sample exactly once
 * and equals an uninterrupted run; committed files are never opened again.
 *
 * <p>Blocks of one channel must arrive in increasing sample order (the writer refuses anything
 * else); the sink keys the stream by channel itself. Keep the sink's parallelism unchanged across
 * restores. State per channel is at most one file period of samples, so choose the file cadence
 * accordingly (60 s at 20 kHz complex int16 = 4.8 MB).
 */
public final class DigitalRfSink implements Sink<IqBlock>, SupportsWriterState<IqBlock, DrfSinkState>,
    SupportsCommitter<DrfCommittable>, SupportsPreWriteTopology<IqBlock> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DigitalRfSink.class);

  private final String topDir;
  private final DrfWriterOptions options;

  private DigitalRfSink(String topDir, DrfWriterOptions options) {
    this.topDir = topDir;
    this.options = options;
  }

  /** A sink writing channels under {@code topDir} with {@code options}. */
  public static DigitalRfSink of(Path topDir, DrfWriterOptions options) {
    return new DigitalRfSink(topDir.toAbsolutePath().normalize().toString(), options);
  }

  @Override
  public DataStream<IqBlock> addPreWriteTopology(DataStream<IqBlock> input) {
    return input.keyBy(new ByChannel(), Types.STRING);
  }

  /** Key selector: the block's channel. */
  static final class ByChannel implements KeySelector<IqBlock, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(IqBlock b) {
      return b.channel();
    }
  }

  @Override
  public Writer createWriter(WriterInitContext context) {
    return new Writer(Path.of(topDir), options, List.of());
  }

  @Override
  public Writer restoreWriter(WriterInitContext context, Collection<DrfSinkState> recoveredState) {
    return new Writer(Path.of(topDir), options, recoveredState);
  }

  @Override
  public SimpleVersionedSerializer<DrfSinkState> getWriterStateSerializer() {
    return new DrfSinkState.Serializer();
  }

  @Override
  public Committer<DrfCommittable> createCommitter(CommitterInitContext context) {
    return new RenameCommitter();
  }

  @Override
  public SimpleVersionedSerializer<DrfCommittable> getCommittableSerializer() {
    return new DrfCommittable.Serializer();
  }

  /** Per-subtask writer: one {@link DigitalRfWriter} per channel. */
  static final class Writer implements StatefulSinkWriter<IqBlock, DrfSinkState>,
      CommittingSinkWriter<IqBlock, DrfCommittable> {
    private final Path top;
    private final DrfWriterOptions options;
    private final Map<String, ChannelSink> channels = new HashMap<>();
    private final List<DrfCommittable> pending = new ArrayList<>();

    Writer(Path top, DrfWriterOptions options, Collection<DrfSinkState> restored) {
      this.top = top;
      this.options = options;
      for (DrfSinkState s : restored) {
        ChannelSink c = open(s.channel(), s.format(), s.fileStartState());
        for (DrfSamples w : s.openFileWrites()) {
          c.write(w);
        }
        LOG.info("Restored Digital RF channel {} in {}: replayed {} writes into the open file", s.channel(), top,
            s.openFileWrites().size());
      }
    }

    private ChannelSink open(String channel, DrfFormat format, DigitalRfWriter.State resume) {
      DigitalRfWriter w = DigitalRfWriter.create(top, channel, options, format,
          (tmp, fin) -> pending.add(new DrfCommittable(tmp.toString(), fin.toString())), resume);
      ChannelSink c = new ChannelSink(w, format);
      channels.put(channel, c);
      return c;
    }

    @Override
    public void write(IqBlock block, Context context) {
      ChannelSink c = channels.get(block.channel());
      DrfFormat f = DrfFormat.of(block);
      if (c == null) {
        c = open(block.channel(), f, null);
      } else if (!f.equals(c.format)) {
        throw new DrfWriteException(top.resolve(block.channel()) + ": block at " + block.firstSampleIndex()
            + " has format " + f + ", the channel has " + c.format);
      }
      c.write(DrfSamples.of(block));
    }

    @Override
    public void flush(boolean endOfInput) {
      if (endOfInput) {
        for (ChannelSink c : channels.values()) {
          c.finish();
        }
      }
    }

    @Override
    public Collection<DrfCommittable> prepareCommit() {
      List<DrfCommittable> out = new ArrayList<>(pending);
      pending.clear();
      return out;
    }

    @Override
    public List<DrfSinkState> snapshotState(long checkpointId) {
      List<DrfSinkState> out = new ArrayList<>();
      for (Map.Entry<String, ChannelSink> e : channels.entrySet()) {
        out.add(e.getValue().state(e.getKey()));
      }
      return out;
    }

    @Override
    public void close() {
      // unfinished temp files stay for the restore to replace; committed files are untouched
      for (ChannelSink c : channels.values()) {
        c.writer.abort();
      }
      channels.clear();
    }
  }

  /** One channel: its writer and the writes of its open file. */
  private static final class ChannelSink {
    final DigitalRfWriter writer;
    final DrfFormat format;
    DigitalRfWriter.State fileStartState;
    long openFileFirst = Long.MIN_VALUE;
    final List<DrfSamples> openWrites = new ArrayList<>();

    ChannelSink(DigitalRfWriter writer, DrfFormat format) {
      this.writer = writer;
      this.format = format;
      this.fileStartState = writer.state();
    }

    void write(DrfSamples s) {
      writer.write(s);
      long lastFileFirst = DrfTime.firstSampleAtOrAfterMs(DrfTime.fileStartMs(s.endIndex() - 1, format.rateNumerator(),
          format.rateDenominator(), writer.options().fileCadenceMillisecs()), format.rateNumerator(), format.rateDenominator());
      if (lastFileFirst != openFileFirst) {
        DigitalRfWriter.State st = writer.state();
        fileStartState = new DigitalRfWriter.State(st.uuid(), st.initUtcTimestamp(), st.nextSequence() - 1, lastFileFirst,
            st.chunkRows());
        openFileFirst = lastFileFirst;
        openWrites.clear();
      }
      openWrites.add(s.startIndex() >= lastFileFirst ? s : s.slice(lastFileFirst, (int) (s.endIndex() - lastFileFirst)));
    }

    void finish() {
      writer.flushFile();
      fileStartState = writer.state();
      openFileFirst = Long.MIN_VALUE;
      openWrites.clear();
    }

    DrfSinkState state(String channel) {
      return new DrfSinkState(channel, format, fileStartState, List.copyOf(openWrites));
    }
  }

  /** Renames committed temp files; idempotent across retries and restores; never replaces a final file. */
  static final class RenameCommitter implements Committer<DrfCommittable> {
    @Override
    public void commit(Collection<CommitRequest<DrfCommittable>> requests) throws IOException {
      for (CommitRequest<DrfCommittable> r : requests) {
        Path tmp = Path.of(r.getCommittable().tempPath());
        Path fin = Path.of(r.getCommittable().finalPath());
        if (Files.exists(tmp)) {
          if (Files.exists(fin)) {
            r.signalFailedWithKnownReason(new DrfWriteException(fin + " already exists; refusing to replace a finished file"));
          } else {
            Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);
          }
        } else if (Files.exists(fin)) {
          r.signalAlreadyCommitted();
        } else {
          r.signalFailedWithKnownReason(new DrfWriteException("temp file " + tmp + " vanished before commit"));
        }
      }
    }

    @Override
    public void close() {}
  }
}

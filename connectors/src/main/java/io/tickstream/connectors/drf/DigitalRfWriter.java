package io.tickstream.connectors.drf;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import io.tickstream.core.signal.IqBlock;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one Digital RF channel {@code <top>/<channel>/} exactly as the reference library (2.6)
 * lays it out (docs/DIGITAL_RF.md): {@code drf_properties.h5}; {@code YYYY-MM-DDTHH-MM-SS/rf@<sec>.<ms>.h5}
 * files at the configured cadences; {@code /rf_data} rank 2 {@code (samples, subchannels)} with the
 * compound {@code {r,i}} or atomic type, fill value, deflate then Fletcher32 filters, chunk rows
 * {@code 10 x first write} (capped as the reference); {@code /rf_data_index} U64 rows; the 19
 * attributes with the reference's HDF5 types.
 *
 * <p>Layouts: chunked (any filter or gapped): a file holds only written samples, one index row per
 * write call landing in it. Contiguous (continuous, no filter): each file spans its whole period,
 * unwritten samples hold the fill value, one index row {@code [file start, 0]}.
 *
 * <p>Files are written as {@code tmp.rf@…} and renamed when complete (when a later file is started
 * or on {@link #close()}); a finished file is never opened again. Writing at or before the last
 * written sample, over samples already in the channel directory, or into the period of an existing
 * finished file raises {@link DrfWriteException}. The writer is not thread-safe.
 */
public final class DigitalRfWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DigitalRfWriter.class);
  static final String TMP_PREFIX = "tmp.";

  /** What happens to a completed temp file (default: atomic rename to its final name). */
  @FunctionalInterface
  public interface FileFinisher extends Serializable {
    void finished(Path tempFile, Path finalFile) throws IOException;
  }

  /** The writer's progress, enough to continue the channel in a new writer (checkpoints). */
  public record State(String uuid, long initUtcTimestamp, int nextSequence, long nextIndex, long chunkRows)
      implements Serializable {}

  private final Path channelDir;
  private final String channel;
  private final DrfWriterOptions options;
  private final FileFinisher finisher;
  private DrfFormat format;
  private DrfProperties properties;
  private String uuid;
  private long initUtc = -1;
  private int nextSequence;
  private long nextIndex = Long.MIN_VALUE;
  private long chunkRows;
  private boolean failed;
  private boolean closed;
  private OpenRf current;
  private final List<Path> finishedFiles = new ArrayList<>();

  private static final class OpenRf {
    Path tmp;
    Path fin;
    long file = -1;
    long data = -1;
    long index = -1;
    long fileFirst;
    long fileEnd;
    long length;
    long indexRows;
  }

  private DigitalRfWriter(Path topDir, String channel, DrfWriterOptions options, DrfFormat format, FileFinisher finisher,
      State resume) {
    if (channel.isEmpty() || channel.contains("/") || channel.equals("..") || channel.equals(".")) {
      throw new IllegalArgumentException("invalid channel name '" + channel + "'");
    }
    Hdf5.ensureLoaded();
    this.channelDir = topDir.toAbsolutePath().normalize().resolve(channel);
    this.channel = channel;
    this.options = options;
    this.finisher = finisher;
    if (resume != null) {
      this.uuid = resume.uuid;
      this.initUtc = resume.initUtcTimestamp;
      this.nextSequence = resume.nextSequence;
      this.nextIndex = resume.nextIndex;
      this.chunkRows = resume.chunkRows;
    } else {
      this.uuid = options.uuid() != null ? options.uuid().toLowerCase(java.util.Locale.ROOT)
          : UUID.randomUUID().toString().replace("-", "");
    }
    if (format != null) {
      init(format);
    }
  }

  /** A writer whose sample format is taken from the first {@link IqBlock} written. */
  public static DigitalRfWriter create(Path topDir, String channel, DrfWriterOptions options) {
    return new DigitalRfWriter(topDir, channel, options, null, DigitalRfWriter::renameAtomically, null);
  }

  /** A writer for samples of the given format (any dtype, subchannels). */
  public static DigitalRfWriter create(Path topDir, String channel, DrfWriterOptions options, DrfFormat format) {
    return new DigitalRfWriter(topDir, channel, options, format, DigitalRfWriter::renameAtomically, null);
  }

  /**
   * A writer that hands completed temp files to {@code finisher} instead of renaming them, resuming
   * from {@code resume} when not null (used by the exactly-once Flink sink).
   */
  public static DigitalRfWriter create(Path topDir, String channel, DrfWriterOptions options, DrfFormat format,
      FileFinisher finisher, State resume) {
    return new DigitalRfWriter(topDir, channel, options, format, finisher, resume);
  }

  static void renameAtomically(Path tmp, Path fin) throws IOException {
    if (Files.exists(fin)) {
      throw new DrfWriteException(fin + " already exists; refusing to replace a finished file");
    }
    Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);
  }

  public DrfWriterOptions options() {
    return options;
  }

  public Path channelDirectory() {
    return channelDir;
  }

  /** Current progress (valid between writes). */
  public State state() {
    return new State(uuid, initUtc, nextSequence, nextIndex, chunkRows);
  }

  /** Final paths of the files completed so far. */
  public List<Path> finishedFiles() {
    return List.copyOf(finishedFiles);
  }

  /** The next index that may be written (one past the last written sample), or Long.MIN_VALUE before any write. */
  public long nextIndex() {
    return nextIndex;
  }

  private void init(DrfFormat f) {
    this.format = f;
    DrfDtype dtype = f.dtype().withByteOrder(options.bigEndian() || f.dtype().bigEndian());
    this.properties = DrfProperties.of(dtype, f.rateNumerator(), f.rateDenominator(), options.subdirCadenceSecs(),
        options.fileCadenceMillisecs(), f.complex(), f.numSubchannels(), options.continuous());
    synchronized (Hdf5.LOCK) {
      try {
        Files.createDirectories(channelDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + channelDir, e);
      }
      Path props = channelDir.resolve(DrfChannelReader.PROPERTIES_FILE);
      if (Files.exists(props)) {
        DrfProperties existing = DrfChannelReader.readPropertiesFile(props);
        if (!sameLayout(existing, properties)) {
          throw new DrfWriteException(props + ": existing channel properties " + existing.attributes()
              + " differ from the writer's " + properties.attributes());
        }
        if (nextIndex == Long.MIN_VALUE) {
          try (DrfChannelReader r = DrfChannelReader.open(channelDir)) {
            r.bounds().ifPresent(b -> nextIndex = b[1] + 1);
          }
        }
      } else {
        writePropertiesFile(props);
      }
    }
  }

  private static boolean sameLayout(DrfProperties a, DrfProperties b) {
    return a.dtype().isFloat() == b.dtype().isFloat() && a.dtype().sizeBytes() == b.dtype().sizeBytes()
        && a.dtype().bigEndian() == b.dtype().bigEndian() && a.sampleRateNumerator() == b.sampleRateNumerator()
        && a.sampleRateDenominator() == b.sampleRateDenominator() && a.subdirCadenceSecs() == b.subdirCadenceSecs()
        && a.fileCadenceMillisecs() == b.fileCadenceMillisecs() && a.complex() == b.complex()
        && a.numSubchannels() == b.numSubchannels() && a.continuous() == b.continuous();
  }

  private void writePropertiesFile(Path props) {
    Path tmp = props.resolveSibling(TMP_PREFIX + props.getFileName());
    long fapl = -1;
    long f = -1;
    try {
      Files.deleteIfExists(tmp);
      fapl = Hdf5.earliestFormatFapl();
      f = H5.H5Fcreate(tmp.toString(), HDF5Constants.H5F_ACC_EXCL, HDF5Constants.H5P_DEFAULT, fapl);
      long root = H5.H5Gopen(f, "/", HDF5Constants.H5P_DEFAULT);
      try {
        properties.write(root);
      } finally {
        H5.H5Gclose(root);
      }
      H5.H5Fclose(f);
      f = -1;
      Files.move(tmp, props, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | HDF5Exception e) {
      throw new DrfWriteException("cannot write " + props + ": " + Hdf5.describe(e), e);
    } finally {
      Hdf5.closeQuietly(f);
      Hdf5.closeQuietly(fapl);
    }
  }

  /**
   * Writes one block (one write call); its {@code firstSampleIndex} places it, gaps before it are
   * allowed. Digital RF time is {@code index / rate}: the block's {@code tSystemNs} and
   * {@code gapSamplesBefore} are not stored.
   */
  public void write(IqBlock block) {
    DrfFormat f = DrfFormat.of(block);
    if (format == null) {
      init(f);
    } else if (f.complex() != format.complex() || f.rateNumerator() * format.rateDenominator()
        != format.rateNumerator() * f.rateDenominator() || f.dtype().isFloat() != format.dtype().isFloat()) {
      throw new DrfWriteException(channelDir + ": block of channel " + block.channel() + " at " + block.firstSampleIndex()
          + " has format " + f + ", the channel has " + format);
    }
    write(DrfSamples.of(block));
  }

  /** Writes samples (one write call) at their {@code startIndex}. */
  public void write(DrfSamples s) {
    if (closed) {
      throw new IllegalStateException("writer for " + channelDir + " is closed");
    }
    if (failed) {
      throw new DrfWriteException(channelDir + ": a previous I/O error disabled this writer");
    }
    if (format == null) {
      throw new IllegalStateException("no format: use create(..., DrfFormat) to write DrfSamples");
    }
    if (s.complex() != format.complex() || s.numSubchannels() != format.numSubchannels()
        || !s.dtype().equals(format.dtype().littleEndian())) {
      throw new DrfWriteException(channelDir + ": samples at " + s.startIndex() + " are " + describe(s)
          + ", the channel stores " + format);
    }
    if (s.count() == 0) {
      return;
    }
    if (nextIndex != Long.MIN_VALUE && s.startIndex() < nextIndex) {
      throw new DrfWriteException(channelDir + ": refusing to write samples [" + s.startIndex() + ", " + s.endIndex()
          + "): sample " + s.startIndex() + " is before the next writable sample " + nextIndex
          + " (writing backwards or over existing samples)");
    }
    if (initUtc < 0) {
      initUtc = DrfTime.secondOfSample(s.startIndex(), format.rateNumerator(), format.rateDenominator());
    }
    if (options.chunked() && chunkRows == 0) {
      // reference: max_chunk_size = floor(file_cadence_s * rate), the smallest samples-per-file
      long maxChunkFloor = java.math.BigInteger.valueOf(options.fileCadenceMillisecs())
          .multiply(java.math.BigInteger.valueOf(format.rateNumerator()))
          .divide(java.math.BigInteger.valueOf(1000L * format.rateDenominator())).longValueExact();
      long maxChunk = Math.max(1, maxChunkFloor);
      long len = s.count();
      chunkRows = len * 10 < maxChunk ? len * 10 : len < maxChunk ? len : maxChunk;
    }
    synchronized (Hdf5.LOCK) {
      try {
        long n = s.startIndex();
        while (n < s.endIndex()) {
          long fileMs = DrfTime.fileStartMs(n, format.rateNumerator(), format.rateDenominator(), options.fileCadenceMillisecs());
          if (current == null || n >= current.fileEnd) {
            finishCurrent();
            openFile(fileMs);
          }
          int take = (int) Math.min(s.endIndex() - n, current.fileEnd - n);
          writePiece(s, n, take);
          n += take;
        }
        nextIndex = s.endIndex();
      } catch (HDF5Exception | IOException e) {
        failed = true;
        throw new DrfWriteException(channelDir + ": write of [" + s.startIndex() + ", " + s.endIndex() + ") failed in "
            + (current != null ? current.tmp : "?") + ": " + Hdf5.describe(e), e);
      }
    }
  }

  private static String describe(DrfSamples s) {
    return (s.complex() ? "complex " : "real ") + s.dtype().name() + " x" + s.numSubchannels();
  }

  private void openFile(long fileMs) throws IOException, HDF5Exception {
    long num = format.rateNumerator();
    long den = format.rateDenominator();
    OpenRf o = new OpenRf();
    o.fileFirst = DrfTime.firstSampleAtOrAfterMs(fileMs, num, den);
    o.fileEnd = DrfTime.firstSampleAtOrAfterMs(fileMs + options.fileCadenceMillisecs(), num, den);
    Path sub = channelDir.resolve(DrfTime.subdirName(fileMs, options.subdirCadenceSecs()));
    Files.createDirectories(sub);
    String name = DrfTime.rfFileName(fileMs);
    o.fin = sub.resolve(name);
    o.tmp = sub.resolve(TMP_PREFIX + name);
    if (Files.exists(o.fin)) {
      throw new DrfWriteException(o.fin + " already exists: finished files are never modified (samples from "
          + o.fileFirst + " would land in it)");
    }
    if (Files.exists(o.tmp)) {
      LOG.warn("Replacing stale temporary file {} (left by an interrupted writer)", o.tmp);
      Files.delete(o.tmp);
    }
    long fapl = Hdf5.earliestFormatFapl();
    long dcpl = -1;
    long dapl = -1;
    long ft = -1;
    long mt = -1;
    long sp = -1;
    try {
      o.file = H5.H5Fcreate(o.tmp.toString(), HDF5Constants.H5F_ACC_EXCL, HDF5Constants.H5P_DEFAULT, fapl);
      current = o;
      int sub2 = format.numSubchannels();
      long maxRows = o.fileEnd - o.fileFirst;
      ft = properties.dtype().createSampleH5Type(format.complex());
      mt = properties.dtype().littleEndian().createSampleH5Type(format.complex());
      dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
      byte[] fillCell = fillCell();
      H5.H5Pset_fill_value(dcpl, mt, fillCell);
      H5.H5Pset_fill_time(dcpl, HDF5Constants.H5D_FILL_TIME_IFSET);
      dapl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_ACCESS);
      if (options.chunked()) {
        long rows = Math.min(chunkRows, maxRows);
        H5.H5Pset_chunk(dcpl, 2, new long[] {rows, sub2});
        if (options.compressionLevel() > 0) {
          H5.H5Pset_deflate(dcpl, options.compressionLevel());
        }
        if (options.checksum()) {
          H5.H5Pset_fletcher32(dcpl);
        }
        H5.H5Pset_alloc_time(dcpl, HDF5Constants.H5D_ALLOC_TIME_INCR);
        H5.H5Pset_chunk_cache(dapl, 521, Math.max(16L << 20, 2 * rows * properties.bytesPerSample()), 1.0);
        sp = H5.H5Screate_simple(2, new long[] {0, sub2}, new long[] {maxRows, sub2});
      } else {
        H5.H5Pset_alloc_time(dcpl, HDF5Constants.H5D_ALLOC_TIME_LATE);
        sp = H5.H5Screate_simple(2, new long[] {maxRows, sub2}, new long[] {maxRows, sub2});
        o.length = maxRows;
      }
      o.data = H5.H5Dcreate(o.file, "rf_data", ft, sp, HDF5Constants.H5P_DEFAULT, dcpl, dapl);
      writeFileAttributes(o.data);
      long isp = H5.H5Screate_simple(2, new long[] {0, 2}, new long[] {HDF5Constants.H5S_UNLIMITED, 2});
      long icpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
      try {
        H5.H5Pset_chunk(icpl, 2, new long[] {100, 2});
        o.index = H5.H5Dcreate(o.file, "rf_data_index", HDF5Constants.H5T_STD_U64LE, isp, HDF5Constants.H5P_DEFAULT,
            icpl, HDF5Constants.H5P_DEFAULT);
      } finally {
        H5.H5Pclose(icpl);
        H5.H5Sclose(isp);
      }
      if (!options.chunked()) {
        appendIndexRow(o, o.fileFirst, 0);
      }
      nextSequence++;
    } finally {
      Hdf5.closeQuietly(sp);
      Hdf5.closeQuietly(mt);
      Hdf5.closeQuietly(ft);
      Hdf5.closeQuietly(dapl);
      Hdf5.closeQuietly(dcpl);
      Hdf5.closeQuietly(fapl);
    }
  }

  private byte[] fillCell() {
    byte[] comp = properties.dtype().fillComponentLe();
    int q = format.complex() ? 2 : 1;
    byte[] out = new byte[comp.length * q];
    for (int k = 0; k < q; k++) {
      System.arraycopy(comp, 0, out, k * comp.length, comp.length);
    }
    return out;
  }

  private void writeFileAttributes(long ds) throws HDF5Exception {
    Hdf5.writeLongAttr(ds, "sequence_num", HDF5Constants.H5T_STD_I32LE, nextSequence);
    properties.write(ds);
    Hdf5.writeLongAttr(ds, "init_utc_timestamp", HDF5Constants.H5T_STD_U64LE, initUtc);
    Hdf5.writeLongAttr(ds, "computer_time", HDF5Constants.H5T_STD_U64LE, System.currentTimeMillis() / 1000);
    Hdf5.writeStringAttr(ds, "uuid_str", uuid, true);
  }

  private void writePiece(DrfSamples s, long n, int take) throws HDF5Exception {
    OpenRf o = current;
    int bps = properties.bytesPerSample();
    int from = (int) (n - s.startIndex());
    byte[] bytes = from == 0 && take == s.count() ? s.bytes()
        : Arrays.copyOfRange(s.bytes(), from * bps, (from + take) * bps);
    long row;
    if (options.chunked()) {
      row = o.length;
      o.length += take;
      H5.H5Dset_extent(o.data, new long[] {o.length, format.numSubchannels()});
      appendIndexRow(o, n, row);
    } else {
      row = n - o.fileFirst;
    }
    long mt = properties.dtype().littleEndian().createSampleH5Type(format.complex());
    long fs = H5.H5Dget_space(o.data);
    long ms = H5.H5Screate_simple(2, new long[] {take, format.numSubchannels()}, null);
    try {
      H5.H5Sselect_hyperslab(fs, HDF5Constants.H5S_SELECT_SET, new long[] {row, 0}, null,
          new long[] {take, format.numSubchannels()}, null);
      H5.H5Dwrite(o.data, mt, ms, fs, HDF5Constants.H5P_DEFAULT, bytes, false);
    } finally {
      H5.H5Sclose(ms);
      H5.H5Sclose(fs);
      H5.H5Tclose(mt);
    }
  }

  private static void appendIndexRow(OpenRf o, long globalStart, long offset) throws HDF5Exception {
    long r = o.indexRows;
    H5.H5Dset_extent(o.index, new long[] {r + 1, 2});
    long fs = H5.H5Dget_space(o.index);
    long ms = H5.H5Screate_simple(2, new long[] {1, 2}, null);
    try {
      H5.H5Sselect_hyperslab(fs, HDF5Constants.H5S_SELECT_SET, new long[] {r, 0}, null, new long[] {1, 2}, null);
      H5.H5Dwrite(o.index, HDF5Constants.H5T_NATIVE_UINT64, ms, fs, HDF5Constants.H5P_DEFAULT,
          new long[] {globalStart, offset});
    } finally {
      H5.H5Sclose(ms);
      H5.H5Sclose(fs);
    }
    o.indexRows = r + 1;
  }

  private void finishCurrent() throws IOException {
    OpenRf o = current;
    if (o == null) {
      return;
    }
    current = null;
    Hdf5.closeQuietly(o.index);
    Hdf5.closeQuietly(o.data);
    try {
      H5.H5Fclose(o.file);
    } catch (HDF5Exception e) {
      failed = true;
      throw new DrfWriteException("cannot close " + o.tmp + ": " + Hdf5.describe(e), e);
    }
    finisher.finished(o.tmp, o.fin);
    finishedFiles.add(o.fin);
    LOG.debug("Finished {}", o.fin);
  }

  /**
   * Completes the open file (renaming it to its final name) so that everything written so far is
   * visible to readers. The next write starts a new file; writing again into the same file period
   * is then refused, as the finished file is never modified.
   */
  public void flushFile() {
    synchronized (Hdf5.LOCK) {
      try {
        finishCurrent();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    flushFile();
  }

  /** Deletes the open temp file without finishing it (after a failure). */
  public void abort() {
    closed = true;
    synchronized (Hdf5.LOCK) {
      OpenRf o = current;
      current = null;
      if (o != null) {
        Hdf5.closeQuietly(o.index);
        Hdf5.closeQuietly(o.data);
        Hdf5.closeQuietly(o.file);
        try {
          Files.deleteIfExists(o.tmp);
        } catch (IOException e) {
          LOG.warn("Cannot delete {}", o.tmp, e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "DigitalRfWriter[" + channel + " in " + channelDir.getParent() + "]";
  }
}

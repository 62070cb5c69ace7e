package io.tickstream.connectors.drf;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import io.tickstream.core.time.Rational;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads one Digital RF channel directory ({@code <top>/<channel>/}) the way the reference
 * {@code DigitalRFReader} does: bounds, continuous blocks merged across {@code rf_data_index} rows
 * and files, and samples by global index. The HDF5 C library verifies Fletcher32 checksums and
 * inflates deflate chunks; a data error raises {@link DrfFormatException} naming the file and the
 * first sample of the failing chunk. Temporary files ({@code tmp.rf@…}) are ignored.
 *
 * <p>Fill values: in the continuous (contiguous) layout, unwritten samples are stored as the fill
 * value (NaN, or the integer type minimum). {@link #continuousBlocks()} reports them as data, as the
 * reference reader does (and as the fixtures' ground truth counts them); {@link #dataBlocks} splits
 * them out so callers can treat them as gaps.
 *
 * <p>Not thread-safe; every HDF5 call holds {@link Hdf5#LOCK}. Close to release open files.
 */
public final class DrfChannelReader implements AutoCloseable {
  static final Pattern SUBDIR = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}");
  static final Pattern RF_FILE = Pattern.compile("rf@(\\d+)\\.(\\d{3})\\.h5");
  public static final String PROPERTIES_FILE = "drf_properties.h5";

  private final Path dir;
  private final String name;
  private final DrfProperties properties;
  private final byte[] fillCellLe;
  private final List<RfFile> files;
  private final Map<Path, OpenFile> open = new LinkedHashMap<>(8, 0.75f, true);

  /** A data file of the channel; its index is loaded on first use. */
  public static final class RfFile {
    private final Path path;
    private final String relativePath;
    private final long startMs;
    private final long firstSample;
    private final long endSample;
    private FileInfo info;

    RfFile(Path path, String relativePath, long startMs, long firstSample, long endSample) {
      this.path = path;
      this.relativePath = relativePath;
      this.startMs = startMs;
      this.firstSample = firstSample;
      this.endSample = endSample;
    }

    public Path path() {
      return path;
    }

    /** Path relative to the channel directory, e.g. {@code 2024-04-08T18-00-00/rf@1712599200.000.h5}. */
    public String relativePath() {
      return relativePath;
    }

    /** File start time in ms (from the name). */
    public long startMs() {
      return startMs;
    }

    /** First sample index of the file's period, {@code ceil(t_file · R)}. */
    public long firstSample() {
      return firstSample;
    }

    /** One past the last sample index of the file's period. */
    public long endSample() {
      return endSample;
    }
  }

  /** What one data file holds: index rows, stored length, per-file attributes. */
  public record FileInfo(long[] rowStarts, long[] rowOffsets, long length, long maxLength, DrfProperties properties,
      long sequenceNum, String uuid, long initUtcTimestamp, long computerTime, boolean chunked, long chunkRows,
      List<String> filters) {
    /** Number of stored samples of row r. */
    public long rowLength(int r) {
      return (r + 1 < rowOffsets.length ? rowOffsets[r + 1] : length) - rowOffsets[r];
    }
  }

  private record OpenFile(long file, long dataset, int rank) {}

  /** A stored run inside one file: global start, row offset in rf_data, length. */
  private record Run(RfFile file, long start, long offset, long count) {
    long end() {
      return start + count;
    }
  }

  private DrfChannelReader(Path dir, DrfProperties properties, List<RfFile> files) {
    this.dir = dir;
    this.name = dir.getFileName().toString();
    this.properties = properties;
    this.files = files;
    byte[] comp = properties.dtype().fillComponentLe();
    int q = properties.complex() ? 2 : 1;
    this.fillCellLe = new byte[comp.length * q];
    for (int k = 0; k < q; k++) {
      System.arraycopy(comp, 0, fillCellLe, k * comp.length, comp.length);
    }
  }

  /** Opens a channel directory; it must hold {@code drf_properties.h5}. */
  public static DrfChannelReader open(Path channelDir) {
    return open(channelDir, false);
  }

  /**
   * Opens a channel directory. With {@code allowMissingProperties}, a channel whose
   * {@code drf_properties.h5} is missing or unreadable is opened from the attributes of its first
   * readable data file (the reference reader refuses such a channel; {@code drf verify} reports it).
   */
  public static DrfChannelReader open(Path channelDir, boolean allowMissingProperties) {
    Hdf5.ensureLoaded();
    Path dir = channelDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new DrfFormatException(dir.toString(), -1, "not a directory");
    }
    Path propsFile = dir.resolve(PROPERTIES_FILE);
    synchronized (Hdf5.LOCK) {
      DrfProperties props = null;
      DrfFormatException propsError = null;
      try {
        props = readPropertiesFile(propsFile);
      } catch (DrfFormatException e) {
        propsError = e;
        if (!allowMissingProperties) {
          throw e;
        }
      }
      List<Path> paths = listDataFiles(dir);
      if (props == null) {
        for (Path p : paths) {
          try {
            props = readFileProperties(p);
            break;
          } catch (DrfFormatException ignored) {
            // try the next file
          }
        }
        if (props == null) {
          throw propsError;
        }
      } else {
        // signedness is only in the dataset's datatype
        for (Path p : paths) {
          try {
            DrfProperties fp = readFileProperties(p);
            props = props.withDtype(new DrfDtype(props.dtype().isFloat(), props.dtype().sizeBytes(),
                fp.dtype().signed(), props.dtype().bigEndian()));
            break;
          } catch (DrfFormatException ignored) {
            // try the next file
          }
        }
      }
      List<RfFile> files = new ArrayList<>();
      for (Path p : paths) {
        Matcher m = RF_FILE.matcher(p.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        long ms = Long.parseLong(m.group(1)) * 1000 + Long.parseLong(m.group(2));
        long first = DrfTime.firstSampleAtOrAfterMs(ms, props.sampleRateNumerator(), props.sampleRateDenominator());
        long end = DrfTime.firstSampleAtOrAfterMs(ms + props.fileCadenceMillisecs(), props.sampleRateNumerator(),
            props.sampleRateDenominator());
        files.add(new RfFile(p, dir.relativize(p).toString(), ms, first, end));
      }
      files.sort((a, b) -> Long.compare(a.startMs, b.startMs));
      return new DrfChannelReader(dir, props, Collections.unmodifiableList(files));
    }
  }

  static List<Path> listDataFiles(Path dir) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> subs = Files.list(dir)) {
      for (Path sub : (Iterable<Path>) subs.sorted()::iterator) {
        if (!Files.isDirectory(sub) || !SUBDIR.matcher(sub.getFileName().toString()).matches()) {
          continue;
        }
        try (Stream<Path> fs = Files.list(sub)) {
          fs.filter(p -> RF_FILE.matcher(p.getFileName().toString()).matches()).sorted().forEach(out::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return out;
  }

  static DrfProperties readPropertiesFile(Path propsFile) {
    Hdf5.ensureLoaded();
    if (!Files.isRegularFile(propsFile)) {
      throw new DrfFormatException(propsFile.toString(), -1, "missing " + PROPERTIES_FILE);
    }
    long f = -1;
    try {
      f = H5.H5Fopen(propsFile.toString(), HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
      return DrfProperties.read(f, propsFile.toString(), true);
    } catch (HDF5Exception e) {
      throw new DrfFormatException(propsFile.toString(), -1, "unreadable: " + Hdf5.describe(e), e);
    } finally {
      Hdf5.closeQuietly(f);
    }
  }

  /** Attributes of {@code /rf_data} in one data file, with the dataset's real component type. */
  static DrfProperties readFileProperties(Path file) {
    Hdf5.ensureLoaded();
    long f = -1;
    long d = -1;
    long t = -1;
    try {
      f = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
      d = H5.H5Dopen(f, "rf_data", HDF5Constants.H5P_DEFAULT);
      t = H5.H5Dget_type(d);
      DrfDtype dt = DrfDtype.ofH5Type(t, file.toString());
      return DrfProperties.read(d, file.toString(), dt.signed()).withDtype(dt);
    } catch (HDF5Exception e) {
      throw new DrfFormatException(file.toString(), -1, "unreadable: " + Hdf5.describe(e), e);
    } finally {
      Hdf5.closeQuietly(t);
      Hdf5.closeQuietly(d);
      Hdf5.closeQuietly(f);
    }
  }

  public String name() {
    return name;
  }

  public Path directory() {
    return dir;
  }

  public DrfProperties properties() {
    return properties;
  }

  public Rational sampleRate() {
    return properties.sampleRate();
  }

  /** Fill bytes of one subchannel cell (little-endian, r then i). */
  public byte[] fillCellLe() {
    return fillCellLe.clone();
  }

  /** Data files in time order (index not yet loaded). */
  public List<RfFile> files() {
    return files;
  }

  /** Index rows and attributes of a data file (loaded once). */
  public FileInfo info(RfFile f) {
    if (f.info == null) {
      synchronized (Hdf5.LOCK) {
        f.info = loadInfo(f);
      }
    }
    return f.info;
  }

  private FileInfo loadInfo(RfFile rf) {
    String where = rf.path.toString();
    OpenFile of = openFile(rf);
    long idx = -1;
    long sp = -1;
    long dcpl = -1;
    long dt = -1;
    try {
      sp = H5.H5Dget_space(of.dataset);
      int rank = H5.H5Sget_simple_extent_ndims(sp);
      long[] dims = new long[rank];
      long[] max = new long[rank];
      H5.H5Sget_simple_extent_dims(sp, dims, max);
      int sub = rank == 1 ? 1 : (int) dims[1];
      if (sub != properties.numSubchannels()) {
        throw new DrfFormatException(where, rf.firstSample, "rf_data has " + sub + " subchannels, properties say "
            + properties.numSubchannels());
      }
      dt = H5.H5Dget_type(of.dataset);
      DrfDtype dtype = DrfDtype.ofH5Type(dt, where);
      boolean complex = H5.H5Tget_class(dt) == HDF5Constants.H5T_COMPOUND;
      DrfProperties fp = DrfProperties.read(of.dataset, where, dtype.signed()).withDtype(dtype);
      if (complex != properties.complex() || !dtype.equals(properties.dtype())) {
        throw new DrfFormatException(where, rf.firstSample, "rf_data type " + (complex ? "complex " : "real ")
            + dtype.name() + "/" + dtype.byteOrderName() + " differs from the channel's " + (properties.complex() ? "complex " : "real ")
            + properties.dtype().name() + "/" + properties.dtype().byteOrderName());
      }
      String mismatch = attributeMismatch(fp, properties);
      if (mismatch != null) {
        throw new DrfFormatException(where, rf.firstSample, "attribute " + mismatch);
      }
      dcpl = H5.H5Dget_create_plist(of.dataset);
      boolean chunked = H5.H5Pget_layout(dcpl) == HDF5Constants.H5D_CHUNKED;
      long chunkRows = 0;
      List<String> filters = new ArrayList<>();
      if (chunked) {
        long[] cd = new long[rank];
        H5.H5Pget_chunk(dcpl, rank, cd);
        chunkRows = cd[0];
        int nf = H5.H5Pget_nfilters(dcpl);
        for (int k = 0; k < nf; k++) {
          int[] flags = new int[1];
          long[] cdNelmts = {4};
          int[] cdValues = new int[4];
          String[] fname = new String[1];
          int[] config = new int[1];
          int id = H5.H5Pget_filter(dcpl, k, flags, cdNelmts, cdValues, 120, fname, config);
          filters.add(id == HDF5Constants.H5Z_FILTER_DEFLATE ? "deflate:" + cdValues[0]
              : id == HDF5Constants.H5Z_FILTER_FLETCHER32 ? "fletcher32" : "filter" + id);
        }
      }
      idx = H5.H5Dopen(of.file, "rf_data_index", HDF5Constants.H5P_DEFAULT);
      long isp = H5.H5Dget_space(idx);
      long[] idims = new long[2];
      try {
        H5.H5Sget_simple_extent_dims(isp, idims, null);
      } finally {
        H5.H5Sclose(isp);
      }
      long[] rows = new long[(int) (idims[0] * 2)];
      if (rows.length > 0) {
        H5.H5Dread(idx, HDF5Constants.H5T_NATIVE_INT64, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL,
            HDF5Constants.H5P_DEFAULT, rows);
      }
      int n = (int) idims[0];
      long[] starts = new long[n];
      long[] offsets = new long[n];
      for (int r = 0; r < n; r++) {
        starts[r] = rows[2 * r];
        offsets[r] = rows[2 * r + 1];
        if (offsets[r] < 0 || offsets[r] > dims[0] || (r > 0 && offsets[r] < offsets[r - 1])) {
          throw new DrfFormatException(where, starts[r], "rf_data_index row " + r + " offset " + offsets[r]
              + " out of order or beyond rf_data length " + dims[0]);
        }
        if (r > 0 && starts[r] < starts[r - 1] + (offsets[r] - offsets[r - 1])) {
          throw new DrfFormatException(where, starts[r], "rf_data_index row " + r + " overlaps the previous run");
        }
        if (starts[r] < rf.firstSample) {
          throw new DrfFormatException(where, starts[r], "rf_data_index row " + r + " starts before the file period");
        }
      }
      FileInfo info = new FileInfo(starts, offsets, dims[0], max[0], fp,
          Hdf5.hasAttr(of.dataset, "sequence_num") ? Hdf5.readLongAttr(of.dataset, "sequence_num") : -1,
          Hdf5.hasAttr(of.dataset, "uuid_str") ? Hdf5.readStringAttr(of.dataset, "uuid_str") : "",
          Hdf5.hasAttr(of.dataset, "init_utc_timestamp") ? Hdf5.readLongAttr(of.dataset, "init_utc_timestamp") : -1,
          Hdf5.hasAttr(of.dataset, "computer_time") ? Hdf5.readLongAttr(of.dataset, "computer_time") : -1,
          chunked, chunkRows, List.copyOf(filters));
      if (n > 0 && starts[n - 1] + info.rowLength(n - 1) > rf.endSample) {
        throw new DrfFormatException(where, starts[n - 1], "data run extends beyond the file period (ends "
            + (starts[n - 1] + info.rowLength(n - 1)) + ", period ends " + rf.endSample + ")");
      }
      return info;
    } catch (HDF5Exception e) {
      throw new DrfFormatException(where, rf.firstSample, "cannot read rf_data/rf_data_index: " + Hdf5.describe(e), e);
    } finally {
      Hdf5.closeQuietly(dt);
      Hdf5.closeQuietly(dcpl);
      Hdf5.closeQuietly(sp);
      Hdf5.closeQuietly(idx);
    }
  }

  /** The first channel attribute whose value differs between a file and the channel ("name: file X, channel Y"), or null. */
  static String attributeMismatch(DrfProperties file, DrfProperties channel) {
    Map<String, Object> a = file.attributes();
    Map<String, Object> b = channel.attributes();
    for (Map.Entry<String, Object> e : b.entrySet()) {
      if (e.getKey().equals("digital_rf_time_description") || e.getKey().equals("digital_rf_version")) {
        continue; // informative strings; older writers differ
      }
      if (!e.getValue().equals(a.get(e.getKey()))) {
        return e.getKey() + " is " + a.get(e.getKey()) + " in this file but " + e.getValue() + " in the channel";
      }
    }
    return null;
  }

  private OpenFile openFile(RfFile rf) {
    OpenFile of = open.get(rf.path);
    if (of != null) {
      return of;
    }
    if (open.size() >= 4) {
      Path eldest = open.keySet().iterator().next();
      closeOpen(open.remove(eldest));
    }
    long f = -1;
    long d = -1;
    long dapl = -1;
    try {
      f = H5.H5Fopen(rf.path.toString(), HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
      dapl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_ACCESS);
      H5.H5Pset_chunk_cache(dapl, 521, 16L << 20, 1.0);
      d = H5.H5Dopen(f, "rf_data", dapl);
      long sp = H5.H5Dget_space(d);
      int rank;
      try {
        rank = H5.H5Sget_simple_extent_ndims(sp);
      } finally {
        H5.H5Sclose(sp);
      }
      of = new OpenFile(f, d, rank);
      open.put(rf.path, of);
      return of;
    } catch (RuntimeException e) {
      Hdf5.closeQuietly(d);
      Hdf5.closeQuietly(f);
      throw new DrfFormatException(rf.path.toString(), rf.firstSample,
          "cannot open (truncated or not an HDF5 Digital RF file): " + Hdf5.describe(e), e);
    } finally {
      Hdf5.closeQuietly(dapl);
    }
  }

  private static void closeOpen(OpenFile of) {
    Hdf5.closeQuietly(of.dataset);
    Hdf5.closeQuietly(of.file);
  }

  // ------------------------------------------------------------------ index queries

  private List<Run> runs(RfFile f) {
    FileInfo info = info(f);
    List<Run> out = new ArrayList<>(info.rowStarts.length);
    for (int r = 0; r < info.rowStarts.length; r++) {
      long len = info.rowLength(r);
      if (len > 0) {
        out.add(new Run(f, info.rowStarts[r], info.rowOffsets[r], len));
      }
    }
    return out;
  }

  /** Files whose period overlaps {@code [start, end)}. */
  private List<RfFile> filesOverlapping(long start, long end) {
    List<RfFile> out = new ArrayList<>();
    for (RfFile f : files) {
      if (f.endSample > start && f.firstSample < end) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * One past the last stored sample before {@code index} (storage view: fill padding counts as
   * stored), or {@code Long.MIN_VALUE} if nothing is stored before it. Reads at most the index of the
   * files up to the first one holding data before {@code index}.
   */
  public long lastStoredEndBefore(long index) {
    for (int k = files.size() - 1; k >= 0; k--) {
      RfFile f = files.get(k);
      if (f.firstSample >= index) {
        continue;
      }
      long best = Long.MIN_VALUE;
      for (Run r : runs(f)) {
        if (r.start < index) {
          best = Math.max(best, Math.min(r.end(), index));
        }
      }
      if (best != Long.MIN_VALUE) {
        return best;
      }
    }
    return Long.MIN_VALUE;
  }

  /** The data file whose period holds {@code index}, if it exists. */
  public Optional<RfFile> fileOf(long index) {
    for (RfFile f : files) {
      if (f.firstSample <= index && index < f.endSample) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** {@code [first, last]} stored sample indices (inclusive), as the reference {@code get_bounds}. */
  public Optional<long[]> bounds() {
    Long first = null;
    Long last = null;
    for (RfFile f : files) {
      List<Run> rs = runs(f);
      if (!rs.isEmpty()) {
        first = rs.get(0).start;
        break;
      }
    }
    for (int k = files.size() - 1; k >= 0; k--) {
      List<Run> rs = runs(files.get(k));
      if (!rs.isEmpty()) {
        last = rs.get(rs.size() - 1).end() - 1;
        break;
      }
    }
    return first == null ? Optional.empty() : Optional.of(new long[] {first, last});
  }

  /** Every continuous block of stored samples (fill values included), merged across rows and files. */
  public List<DrfBlock> continuousBlocks() {
    return continuousBlocks(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Continuous blocks clipped to {@code [start, end)}. */
  public List<DrfBlock> continuousBlocks(long start, long end) {
    List<DrfBlock> out = new ArrayList<>();
    long bs = -1;
    long be = -1;
    for (RfFile f : filesOverlapping(start, end)) {
      for (Run r : runs(f)) {
        long s = Math.max(r.start, start);
        long e = Math.min(r.end(), end);
        if (s >= e) {
          continue;
        }
        if (bs >= 0 && s == be) {
          be = e;
        } else {
          if (bs >= 0) {
            out.add(new DrfBlock(bs, be - bs));
          }
          bs = s;
          be = e;
        }
      }
    }
    if (bs >= 0) {
      out.add(new DrfBlock(bs, be - bs));
    }
    return out;
  }

  /**
   * Blocks of real data in {@code [start, end)}: stored runs with fill-value samples removed (a sample
   * counts as fill when every subchannel cell is the fill value), so fill padding reads as a gap.
   * Reads the samples to find the fill values.
   */
  public List<DrfBlock> dataBlocks(long start, long end) {
    List<DrfBlock> out = new ArrayList<>();
    for (DrfBlock b : continuousBlocks(start, end)) {
      long step = 1 << 20;
      long runStart = -1;
      long runEnd = -1;
      for (long s = b.start(); s < b.end(); s += step) {
        DrfSamples x = read(s, (int) Math.min(step, b.end() - s));
        for (DrfSamples part : x.splitOnFill(fillCellLe)) {
          if (runStart >= 0 && part.startIndex() != runEnd) {
            out.add(new DrfBlock(runStart, runEnd - runStart));
            runStart = -1;
          }
          if (runStart < 0) {
            runStart = part.startIndex();
          }
          runEnd = part.endIndex();
        }
      }
      if (runStart >= 0) {
        out.add(new DrfBlock(runStart, runEnd - runStart));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ sample reads

  /**
   * Reads {@code count} samples from global index {@code start}; the whole range must be stored
   * (see {@link #continuousBlocks()}), otherwise {@link IllegalArgumentException} names the gap.
   */
  public DrfSamples read(long start, int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
    long end = start + count;
    int bps = properties.bytesPerSample();
    byte[] out = new byte[Math.multiplyExact(count, bps)];
    long next = start;
    synchronized (Hdf5.LOCK) {
      for (RfFile f : filesOverlapping(start, end)) {
        for (Run r : runs(f)) {
          long s = Math.max(r.start, next);
          long e = Math.min(r.end(), end);
          if (s >= e) {
            continue;
          }
          if (s != next) {
            break;
          }
          readRun(f, r.offset + (s - r.start), s, (int) (e - s), out, (int) ((s - start) * bps));
          next = e;
        }
      }
    }
    if (next != end) {
      throw new IllegalArgumentException("channel " + name + ": samples [" + start + ", " + end
          + ") are not all stored; first missing sample " + next);
    }
    return new DrfSamples(start, count, properties.dtype(), properties.complex(), properties.numSubchannels(), out);
  }

  /** Every stored sample in {@code [start, end)}, one {@link DrfSamples} per continuous block. */
  public List<DrfSamples> readBlocks(long start, long end) {
    List<DrfSamples> out = new ArrayList<>();
    for (DrfBlock b : continuousBlocks(start, end)) {
      out.add(read(b.start(), Math.toIntExact(b.count())));
    }
    return out;
  }

  private void readRun(RfFile f, long row, long globalStart, int n, byte[] out, int outOff) {
    OpenFile of = openFile(f);
    int bps = properties.bytesPerSample();
    byte[] buf = outOff == 0 && out.length == n * bps ? out : new byte[n * bps];
    try {
      readRows(of, row, n, buf);
    } catch (HDF5Exception e) {
      long bad = locateBadSample(f, of, row, globalStart, n);
      throw new DrfFormatException(f.path.toString(), bad, "data error reading rf_data rows [" + row + ", " + (row + n)
          + ") (Fletcher32 checksum or deflate failure): " + Hdf5.describe(e), e);
    }
    if (buf != out) {
      System.arraycopy(buf, 0, out, outOff, buf.length);
    }
  }

  private void readRows(OpenFile of, long row, int n, byte[] buf) throws HDF5Exception {
    long mt = properties.dtype().littleEndian().createSampleH5Type(properties.complex());
    long fs = H5.H5Dget_space(of.dataset);
    long ms = -1;
    try {
      int sub = properties.numSubchannels();
      long[] off = of.rank == 1 ? new long[] {row} : new long[] {row, 0};
      long[] cnt = of.rank == 1 ? new long[] {n} : new long[] {n, sub};
      H5.H5Sselect_hyperslab(fs, HDF5Constants.H5S_SELECT_SET, off, null, cnt, null);
      ms = H5.H5Screate_simple(of.rank, cnt, null);
      H5.H5Dread(of.dataset, mt, ms, fs, HDF5Constants.H5P_DEFAULT, buf, false);
    } finally {
      Hdf5.closeQuietly(ms);
      Hdf5.closeQuietly(fs);
      Hdf5.closeQuietly(mt);
    }
  }

  /** Reads chunk by chunk to find the first sample of the failing chunk. */
  private long locateBadSample(RfFile f, OpenFile of, long row, long globalStart, int n) {
    FileInfo info = info(f);
    long step = info.chunked() && info.chunkRows() > 0 ? info.chunkRows() : n;
    byte[] buf = new byte[(int) step * properties.bytesPerSample()];
    long r = row;
    while (r < row + n) {
      long chunkEnd = Math.min(row + n, (r / step + 1) * step);
      int len = (int) (chunkEnd - r);
      try {
        readRows(of, r, len, len == step ? buf : new byte[len * properties.bytesPerSample()]);
      } catch (HDF5Exception e) {
        return globalStart + (r - row);
      }
      r = chunkEnd;
    }
    return globalStart;
  }

  /** Sample index at or after {@code tNs} (exact, for this channel's rate). */
  public long indexAtOrAfter(long tNs) {
    return DrfTime.firstSampleAtOrAfterNs(tNs, properties.sampleRateNumerator(), properties.sampleRateDenominator());
  }

  /** Start time of sample {@code index} in ns (floor). */
  public long timeNs(long index) {
    return DrfTime.timeNs(index, properties.sampleRateNumerator(), properties.sampleRateDenominator());
  }

  @Override
  public void close() {
    synchronized (Hdf5.LOCK) {
      for (OpenFile of : open.values()) {
        closeOpen(of);
      }
      open.clear();
    }
  }
}

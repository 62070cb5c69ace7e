package io.tickstream.connectors.drf;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import hdf.hdf5lib.structs.H5G_info_t;
import hdf.hdf5lib.structs.H5O_info_t;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a Digital Metadata channel ({@code dmd_properties.h5} plus {@code <prefix>@<sec>.h5} files in
 * time-named subdirectories; docs/DIGITAL_RF.md "Digital Metadata"). A record is the set of fields
 * stored under the group named by its sample index; nested groups become nested maps, 1-D arrays
 * {@code List}s, integers {@code Long}, floats {@code Double}, strings {@code String}.
 *
 * <p>Forward fill: the metadata in force at sample n is the latest record at or before n
 * ({@link #valuesAt(long)}), as receivers write a record only when something changes.
 */
public final class DigitalMetadataReader {
  public static final String PROPERTIES_FILE = "dmd_properties.h5";

  private final Path dir;
  private final DmdProperties properties;
  private final List<Path> files;
  private final List<Long> fileStartSecs;
  private final Map<Path, NavigableMap<Long, Map<String, Object>>> cache = new java.util.HashMap<>();

  /** The {@code dmd_properties.h5} attributes and field list. */
  public record DmdProperties(String fileNamePrefix, long subdirCadenceSecs, long fileCadenceSecs,
      long sampleRateNumerator, long sampleRateDenominator, String version, List<String> fields) {}

  /** One record: sample index and its (nested) field values. */
  public record Record(long sample, Map<String, Object> values) {}

  private DigitalMetadataReader(Path dir, DmdProperties properties, List<Path> files, List<Long> fileStartSecs) {
    this.dir = dir;
    this.properties = properties;
    this.files = files;
    this.fileStartSecs = fileStartSecs;
  }

  /** Opens a metadata directory (e.g. {@code <top>/<channel>/metadata}). */
  public static DigitalMetadataReader open(Path metadataDir) {
    Hdf5.ensureLoaded();
    Path dir = metadataDir.toAbsolutePath().normalize();
    Path propsFile = dir.resolve(PROPERTIES_FILE);
    if (!Files.isRegularFile(propsFile)) {
      throw new DrfFormatException(propsFile.toString(), -1, "missing " + PROPERTIES_FILE);
    }
    DmdProperties props;
    synchronized (Hdf5.LOCK) {
      long f = -1;
      try {
        f = H5.H5Fopen(propsFile.toString(), HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
        List<String> fields = new ArrayList<>();
        if (H5.H5Lexists(f, "fields", HDF5Constants.H5P_DEFAULT)) {
          Object v = readDataset(f, "fields", propsFile.toString());
          for (Object o : (List<?>) v) {
            fields.add(o instanceof Map<?, ?> m ? String.valueOf(m.values().iterator().next()) : String.valueOf(o));
          }
        }
        props = new DmdProperties(Hdf5.readStringAttr(f, "file_name"), Hdf5.readLongAttr(f, "subdir_cadence_secs"),
            Hdf5.readLongAttr(f, "file_cadence_secs"), Hdf5.readLongAttr(f, "sample_rate_numerator"),
            Hdf5.readLongAttr(f, "sample_rate_denominator"),
            Hdf5.hasAttr(f, "digital_metadata_version") ? Hdf5.readStringAttr(f, "digital_metadata_version") : "",
            List.copyOf(fields));
      } catch (HDF5Exception e) {
        throw new DrfFormatException(propsFile.toString(), -1, "unreadable: " + Hdf5.describe(e), e);
      } finally {
        Hdf5.closeQuietly(f);
      }
    }
    Pattern name = Pattern.compile(Pattern.quote(props.fileNamePrefix()) + "@(\\d+)\\.h5");
    TreeMap<Long, Path> byStart = new TreeMap<>();
    try (Stream<Path> subs = Files.list(dir)) {
      for (Path sub : (Iterable<Path>) subs.sorted()::iterator) {
        if (!Files.isDirectory(sub) || !DrfChannelReader.SUBDIR.matcher(sub.getFileName().toString()).matches()) {
          continue;
        }
        try (Stream<Path> fs = Files.list(sub)) {
          for (Path p : (Iterable<Path>) fs::iterator) {
            Matcher m = name.matcher(p.getFileName().toString());
            if (m.matches()) {
              byStart.put(Long.parseLong(m.group(1)), p);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return new DigitalMetadataReader(dir, props, List.copyOf(byStart.values()), List.copyOf(byStart.keySet()));
  }

  public Path directory() {
    return dir;
  }

  public DmdProperties properties() {
    return properties;
  }

  /** Data files in time order. */
  public List<Path> files() {
    return files;
  }

  /** Every record, in sample order. */
  public List<Record> records() {
    return records(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Records with {@code start <= sample < end}. */
  public List<Record> records(long start, long end) {
    List<Record> out = new ArrayList<>();
    for (Path f : files) {
      for (Map.Entry<Long, Map<String, Object>> e : load(f).subMap(start, true, end, false).entrySet()) {
        out.add(new Record(e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  /** {@code [first, last]} record sample indices. */
  public Optional<long[]> bounds() {
    List<Record> all = records();
    return all.isEmpty() ? Optional.empty()
        : Optional.of(new long[] {all.get(0).sample(), all.get(all.size() - 1).sample()});
  }

  /** Forward fill: the latest record at or before {@code sample}, if any. */
  public Optional<Record> valuesAt(long sample) {
    long sec = DrfTime.secondOfSample(sample, properties.sampleRateNumerator(), properties.sampleRateDenominator());
    for (int k = files.size() - 1; k >= 0; k--) {
      if (fileStartSecs.get(k) > sec) {
        continue;
      }
      Map.Entry<Long, Map<String, Object>> e = load(files.get(k)).floorEntry(sample);
      if (e != null) {
        return Optional.of(new Record(e.getKey(), e.getValue()));
      }
    }
    return Optional.empty();
  }

  private NavigableMap<Long, Map<String, Object>> load(Path file) {
    NavigableMap<Long, Map<String, Object>> m = cache.get(file);
    if (m != null) {
      return m;
    }
    m = new TreeMap<>();
    synchronized (Hdf5.LOCK) {
      long f = -1;
      try {
        f = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
        for (String child : children(f)) {
          long sample;
          try {
            sample = Long.parseLong(child);
          } catch (NumberFormatException e) {
            continue;
          }
          m.put(sample, readGroup(f, child, file.toString()));
        }
      } catch (HDF5Exception e) {
        throw new DrfFormatException(file.toString(), -1, "unreadable metadata file: " + Hdf5.describe(e), e);
      } finally {
        Hdf5.closeQuietly(f);
      }
    }
    NavigableMap<Long, Map<String, Object>> ro = Collections.unmodifiableNavigableMap(m);
    cache.put(file, ro);
    return ro;
  }

  private static List<String> children(long group) throws HDF5Exception {
    H5G_info_t info = H5.H5Gget_info(group);
    List<String> names = new ArrayList<>();
    for (long k = 0; k < info.nlinks; k++) {
      names.add(H5.H5Lget_name_by_idx(group, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, k,
          HDF5Constants.H5P_DEFAULT));
    }
    return names;
  }

  private static Map<String, Object> readGroup(long parent, String name, String where) throws HDF5Exception {
    long g = H5.H5Gopen(parent, name, HDF5Constants.H5P_DEFAULT);
    try {
      Map<String, Object> out = new TreeMap<>();
      for (String child : children(g)) {
        H5O_info_t oi = H5.H5Oget_info_by_name(g, child, HDF5Constants.H5P_DEFAULT);
        if (oi.type == HDF5Constants.H5O_TYPE_GROUP) {
          out.put(child, readGroup(g, child, where));
        } else if (oi.type == HDF5Constants.H5O_TYPE_DATASET) {
          out.put(child, readDataset(g, child, where + ":" + name + "/" + child));
        }
      }
      return Collections.unmodifiableMap(out);
    } finally {
      H5.H5Gclose(g);
    }
  }

  /** Reads a dataset as a scalar or (nested) list of Long / Double / String / Map (compound). */
  static Object readDataset(long parent, String name, String where) throws HDF5Exception {
    long d = H5.H5Dopen(parent, name, HDF5Constants.H5P_DEFAULT);
    long t = H5.H5Dget_type(d);
    long sp = H5.H5Dget_space(d);
    try {
      int rank = H5.H5Sget_simple_extent_ndims(sp);
      long[] dims = new long[rank];
      if (rank > 0) {
        H5.H5Sget_simple_extent_dims(sp, dims, null);
      }
      int n = (int) H5.H5Sget_simple_extent_npoints(sp);
      List<Object> flat = readElements(d, t, n, where);
      return rank == 0 ? flat.get(0) : nest(flat, dims, 0, 0);
    } finally {
      H5.H5Sclose(sp);
      H5.H5Tclose(t);
      H5.H5Dclose(d);
    }
  }

  private static Object nest(List<Object> flat, long[] dims, int dim, int offset) {
    if (dim == dims.length - 1) {
      return List.copyOf(flat.subList(offset, offset + (int) dims[dim]));
    }
    int stride = 1;
    for (int k = dim + 1; k < dims.length; k++) {
      stride *= (int) dims[k];
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < dims[dim]; i++) {
      out.add(nest(flat, dims, dim + 1, offset + i * stride));
    }
    return List.copyOf(out);
  }

  private static List<Object> readElements(long d, long t, int n, String where) throws HDF5Exception {
    int cls = H5.H5Tget_class(t);
    List<Object> out = new ArrayList<>(n);
    if (cls == HDF5Constants.H5T_INTEGER || cls == HDF5Constants.H5T_ENUM) {
      long[] v = new long[n];
      H5.H5Dread(d, HDF5Constants.H5T_NATIVE_INT64, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL,
          HDF5Constants.H5P_DEFAULT, v);
      for (long x : v) {
        out.add(x);
      }
    } else if (cls == HDF5Constants.H5T_FLOAT) {
      double[] v = new double[n];
      H5.H5Dread(d, HDF5Constants.H5T_NATIVE_DOUBLE, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL,
          HDF5Constants.H5P_DEFAULT, v);
      for (double x : v) {
        out.add(x);
      }
    } else if (cls == HDF5Constants.H5T_STRING) {
      if (H5.H5Tis_variable_str(t)) {
        String[] v = new String[n];
        H5.H5Dread_VLStrings(d, t, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, HDF5Constants.H5P_DEFAULT, v);
        Collections.addAll(out, v);
      } else {
        int size = (int) H5.H5Tget_size(t);
        byte[] b = new byte[size * n];
        H5.H5Dread(d, t, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, HDF5Constants.H5P_DEFAULT, b);
        for (int k = 0; k < n; k++) {
          out.add(Hdf5.cString(b, k * size, size));
        }
      }
    } else if (cls == HDF5Constants.H5T_COMPOUND) {
      // fixed-string-only compounds (the "fields" table); other compounds are not produced by DRF writers
      int size = (int) H5.H5Tget_size(t);
      byte[] b = new byte[size * n];
      H5.H5Dread(d, t, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, HDF5Constants.H5P_DEFAULT, b);
      int members = H5.H5Tget_nmembers(t);
      for (int k = 0; k < n; k++) {
        Map<String, Object> rec = new TreeMap<>();
        for (int m = 0; m < members; m++) {
          long mt = H5.H5Tget_member_type(t, m);
          try {
            int off = (int) H5.H5Tget_member_offset(t, m);
            if (H5.H5Tget_class(mt) != HDF5Constants.H5T_STRING || H5.H5Tis_variable_str(mt)) {
              throw new DrfFormatException(where, -1, "unsupported compound member type in metadata");
            }
            rec.put(H5.H5Tget_member_name(t, m), Hdf5.cString(b, k * size + off, (int) H5.H5Tget_size(mt)));
          } finally {
            H5.H5Tclose(mt);
          }
        }
        out.add(rec);
      }
    } else {
      throw new DrfFormatException(where, -1, "unsupported metadata datatype class " + cls);
    }
    return out;
  }
}

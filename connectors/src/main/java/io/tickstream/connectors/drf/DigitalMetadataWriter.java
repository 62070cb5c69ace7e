package io.tickstream.connectors.drf;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a Digital Metadata channel the way the reference {@code DigitalMetadataWriter} (h5py) does
 * (docs/DIGITAL_RF.md "Digital Metadata"): {@code dmd_properties.h5} with NULLPAD string and I64
 * attributes and the {@code fields} table; records in {@code <prefix>@<sec>.h5} files (file period
 * {@code file_cadence_secs}) in time-named subdirectories, one group per record named by its sample
 * index. Values: {@code Double} → F64 scalar, {@code Float} → F32 scalar (numpy {@code np.single}, e.g.
 * the PSWS {@code lat}/{@code long}, DOMAIN.md §4.1), integral numbers → I64 scalar, {@code Boolean} →
 * I64 0/1, {@code String} → variable-length UTF-8 scalar, {@code double[]}/{@code float[]}/{@code long[]}/
 * {@code List} of numbers → 1-D F64/F32/I64 (a list is F32 only if every element is a {@code Float}),
 * {@code List} of strings → 1-D variable-length strings, {@code Map} → subgroup. Any other HDF5 numeric
 * type the {@link DigitalMetadataReader} reads back (signed/unsigned 8–64-bit integers, F32/F64) is
 * written from a {@link Typed} value. Numbers are stored little-endian, as h5py does on x86/ARM. Like the reference, a data file is appended to while its period is current (metadata
 * is small and written rarely); records must be written in increasing sample order.
 */
public final class DigitalMetadataWriter {
  private final Path dir;
  private final long subdirCadenceSecs;
  private final long fileCadenceSecs;
  private final long rateNum;
  private final long rateDen;
  private final String prefix;
  private long lastSample = Long.MIN_VALUE;

  /** HDF5 numeric storage types of {@link Typed} values (little-endian, as numpy's native types). */
  public enum NumberType {
    I8(HDF5Constants.H5T_STD_I8LE, Byte.MIN_VALUE, Byte.MAX_VALUE),
    I16(HDF5Constants.H5T_STD_I16LE, Short.MIN_VALUE, Short.MAX_VALUE),
    I32(HDF5Constants.H5T_STD_I32LE, Integer.MIN_VALUE, Integer.MAX_VALUE),
    I64(HDF5Constants.H5T_STD_I64LE, Long.MIN_VALUE, Long.MAX_VALUE),
    U8(HDF5Constants.H5T_STD_U8LE, 0, 0xFFL),
    U16(HDF5Constants.H5T_STD_U16LE, 0, 0xFFFFL),
    U32(HDF5Constants.H5T_STD_U32LE, 0, 0xFFFF_FFFFL),
    /** Values up to {@code Long.MAX_VALUE} (the reader returns integers as {@code Long}). */
    U64(HDF5Constants.H5T_STD_U64LE, 0, Long.MAX_VALUE),
    F32(HDF5Constants.H5T_IEEE_F32LE, 0, 0),
    F64(HDF5Constants.H5T_IEEE_F64LE, 0, 0);

    final long fileType;
    final long min;
    final long max;

    NumberType(long fileType, long min, long max) {
      this.fileType = fileType;
      this.min = min;
      this.max = max;
    }

    boolean isFloat() {
      return this == F32 || this == F64;
    }
  }

  /**
   * A number or 1-D array stored with an explicit HDF5 type.
   *
   * @param type storage type; integer types reject values outside their range (no silent clipping)
   * @param value a {@code Number}, a {@code double[]}/{@code float[]}/{@code long[]}/{@code int[]} or a
   *     {@code List} of numbers (1-D dataset)
   */
  public record Typed(NumberType type, Object value) {
    public Typed {
      java.util.Objects.requireNonNull(type, "type");
      java.util.Objects.requireNonNull(value, "value");
    }
  }

  private DigitalMetadataWriter(Path dir, long subdirCadenceSecs, long fileCadenceSecs, long rateNum, long rateDen,
      String prefix) {
    this.dir = dir;
    this.subdirCadenceSecs = subdirCadenceSecs;
    this.fileCadenceSecs = fileCadenceSecs;
    this.rateNum = rateNum;
    this.rateDen = rateDen;
    this.prefix = prefix;
  }

  /** A writer for {@code metadataDir} (e.g. {@code <top>/<channel>/metadata}). */
  public static DigitalMetadataWriter create(Path metadataDir, long subdirCadenceSecs, long fileCadenceSecs,
      long sampleRateNumerator, long sampleRateDenominator, String fileNamePrefix) {
    if (subdirCadenceSecs < 1 || fileCadenceSecs < 1 || subdirCadenceSecs % fileCadenceSecs != 0) {
      throw new IllegalArgumentException("subdir cadence " + subdirCadenceSecs + " s must be a multiple of the file cadence "
          + fileCadenceSecs + " s");
    }
    Hdf5.ensureLoaded();
    DigitalMetadataWriter w = new DigitalMetadataWriter(metadataDir.toAbsolutePath().normalize(), subdirCadenceSecs,
        fileCadenceSecs, sampleRateNumerator, sampleRateDenominator, fileNamePrefix);
    if (Files.isRegularFile(w.dir.resolve(DigitalMetadataReader.PROPERTIES_FILE))) {
      DigitalMetadataReader r = DigitalMetadataReader.open(w.dir);
      DigitalMetadataReader.DmdProperties p = r.properties();
      if (p.subdirCadenceSecs() != subdirCadenceSecs || p.fileCadenceSecs() != fileCadenceSecs
          || p.sampleRateNumerator() != sampleRateNumerator || p.sampleRateDenominator() != sampleRateDenominator
          || !p.fileNamePrefix().equals(fileNamePrefix)) {
        throw new DrfWriteException(w.dir + ": existing metadata properties " + p + " differ from the writer's");
      }
      r.bounds().ifPresent(b -> w.lastSample = b[1]);
    }
    return w;
  }

  /** Writes one record at {@code sample}; samples must increase. */
  public void write(long sample, Map<String, ?> values) {
    if (sample <= lastSample) {
      throw new DrfWriteException(dir + ": metadata sample " + sample + " is not after the last written sample " + lastSample);
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("empty metadata record at " + sample);
    }
    validate(values, dir + ":" + sample); // before anything is written: a bad value leaves no partial record
    synchronized (Hdf5.LOCK) {
      try {
        Files.createDirectories(dir);
        Path props = dir.resolve(DigitalMetadataReader.PROPERTIES_FILE);
        if (!Files.exists(props)) {
          writeProperties(props, new TreeSet<>(values.keySet()));
        }
        long sec = DrfTime.secondOfSample(sample, rateNum, rateDen);
        long fileSec = Math.floorDiv(sec, fileCadenceSecs) * fileCadenceSecs;
        Path sub = dir.resolve(DrfTime.subdirName(fileSec * 1000, subdirCadenceSecs));
        Files.createDirectories(sub);
        Path file = sub.resolve(prefix + "@" + fileSec + ".h5");
        long fapl = Hdf5.earliestFormatFapl();
        long f = -1;
        try {
          f = Files.exists(file) ? H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDWR, fapl)
              : H5.H5Fcreate(file.toString(), HDF5Constants.H5F_ACC_EXCL, HDF5Constants.H5P_DEFAULT, fapl);
          long g = H5.H5Gcreate(f, Long.toString(sample), HDF5Constants.H5P_DEFAULT, HDF5Constants.H5P_DEFAULT,
              HDF5Constants.H5P_DEFAULT);
          try {
            writeGroup(g, values, file + ":" + sample);
          } finally {
            H5.H5Gclose(g);
          }
        } finally {
          Hdf5.closeQuietly(f);
          Hdf5.closeQuietly(fapl);
        }
        lastSample = sample;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (HDF5Exception e) {
        throw new DrfWriteException(dir + ": cannot write metadata at " + sample + ": " + Hdf5.describe(e), e);
      }
    }
  }

  private void writeProperties(Path props, TreeSet<String> fields) throws IOException, HDF5Exception {
    Path tmp = props.resolveSibling(DigitalRfWriter.TMP_PREFIX + props.getFileName());
    Files.deleteIfExists(tmp);
    long fapl = Hdf5.earliestFormatFapl();
    long f = -1;
    try {
      f = H5.H5Fcreate(tmp.toString(), HDF5Constants.H5F_ACC_EXCL, HDF5Constants.H5P_DEFAULT, fapl);
      long root = H5.H5Gopen(f, "/", HDF5Constants.H5P_DEFAULT);
      try {
        Hdf5.writeStringAttr(root, "digital_metadata_version", "2.5", false);
        Hdf5.writeStringAttr(root, "file_name", prefix, false);
        Hdf5.writeLongAttr(root, "subdir_cadence_secs", HDF5Constants.H5T_STD_I64LE, subdirCadenceSecs);
        Hdf5.writeLongAttr(root, "file_cadence_secs", HDF5Constants.H5T_STD_I64LE, fileCadenceSecs);
        Hdf5.writeLongAttr(root, "sample_rate_numerator", HDF5Constants.H5T_STD_I64LE, rateNum);
        Hdf5.writeLongAttr(root, "sample_rate_denominator", HDF5Constants.H5T_STD_I64LE, rateDen);
      } finally {
        H5.H5Gclose(root);
      }
      writeFieldsTable(f, new ArrayList<>(fields));
      H5.H5Fclose(f);
      f = -1;
      Files.move(tmp, props, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Hdf5.closeQuietly(f);
      Hdf5.closeQuietly(fapl);
    }
  }

  private static void writeFieldsTable(long f, List<String> fields) throws HDF5Exception {
    long st = H5.H5Tcopy(HDF5Constants.H5T_C_S1);
    long ct = H5.H5Tcreate(HDF5Constants.H5T_COMPOUND, 128);
    long sp = H5.H5Screate_simple(1, new long[] {fields.size()}, null);
    try {
      H5.H5Tset_size(st, 128);
      H5.H5Tset_strpad(st, HDF5Constants.H5T_STR_NULLPAD);
      H5.H5Tinsert(ct, "column", 0, st);
      byte[] buf = new byte[128 * fields.size()];
      for (int k = 0; k < fields.size(); k++) {
        byte[] b = fields.get(k).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, buf, 128 * k, Math.min(128, b.length));
      }
      long d = H5.H5Dcreate(f, "fields", ct, sp, HDF5Constants.H5P_DEFAULT, HDF5Constants.H5P_DEFAULT,
          HDF5Constants.H5P_DEFAULT);
      try {
        H5.H5Dwrite(d, ct, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, HDF5Constants.H5P_DEFAULT, buf);
      } finally {
        H5.H5Dclose(d);
      }
    } finally {
      H5.H5Sclose(sp);
      H5.H5Tclose(ct);
      H5.H5Tclose(st);
    }
  }

  private static void writeGroup(long g, Map<String, ?> values, String where) throws HDF5Exception {
    for (Map.Entry<String, ?> e : values.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map<?, ?> m) {
        long sub = H5.H5Gcreate(g, e.getKey(), HDF5Constants.H5P_DEFAULT, HDF5Constants.H5P_DEFAULT,
            HDF5Constants.H5P_DEFAULT);
        try {
          @SuppressWarnings("unchecked")
          Map<String, ?> mm = (Map<String, ?>) m;
          writeGroup(sub, mm, where + "/" + e.getKey());
        } finally {
          H5.H5Gclose(sub);
        }
      } else {
        writeValue(g, e.getKey(), v, where + "/" + e.getKey());
      }
    }
  }

  private static void validate(Map<String, ?> values, String where) {
    for (Map.Entry<String, ?> e : values.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, ?> mm = (Map<String, ?>) m;
        validate(mm, where + "/" + e.getKey());
      } else {
        kind(e.getValue(), where + "/" + e.getKey());
      }
    }
  }

  /** The items of a scalar (one) or 1-D value. */
  private static List<?> items(Object raw) {
    List<?> list = raw instanceof double[] d ? java.util.Arrays.stream(d).boxed().toList()
        : raw instanceof float[] fl ? floats(fl)
        : raw instanceof long[] l ? java.util.Arrays.stream(l).boxed().toList()
        : raw instanceof int[] i ? java.util.Arrays.stream(i).mapToLong(x -> x).boxed().toList()
        : raw instanceof List<?> li ? li : null;
    return list == null ? List.of(raw) : list;
  }

  private static boolean isScalar(Object raw) {
    return !(raw instanceof double[] || raw instanceof float[] || raw instanceof long[] || raw instanceof int[]
        || raw instanceof List<?>);
  }

  private static String kind(Object v, String where) {
    return v instanceof Typed tv ? checkTyped(tv.type(), items(tv.value()), where) : kindOf(items(v), where);
  }

  private static void writeValue(long g, String name, Object v, String where) throws HDF5Exception {
    NumberType explicit = v instanceof Typed tv ? tv.type() : null;
    Object raw = v instanceof Typed tv ? tv.value() : v;
    boolean scalar = isScalar(raw);
    List<?> items = items(raw);
    String kind = kind(v, where);
    long sp = scalar ? H5.H5Screate(HDF5Constants.H5S_SCALAR) : H5.H5Screate_simple(1, new long[] {items.size()}, null);
    long t = -1;
    long d = -1;
    try {
      switch (kind) {
        case "f64", "f32" -> {
          long fileType = explicit != null ? explicit.fileType
              : kind.equals("f32") ? HDF5Constants.H5T_IEEE_F32LE : HDF5Constants.H5T_IEEE_F64LE;
          d = H5.H5Dcreate(g, name, fileType, sp, HDF5Constants.H5P_DEFAULT,
              HDF5Constants.H5P_DEFAULT, HDF5Constants.H5P_DEFAULT);
          if (fileType == HDF5Constants.H5T_IEEE_F32LE) {
            float[] a = new float[items.size()];
            for (int k = 0; k < a.length; k++) {
              a[k] = ((Number) items.get(k)).floatValue();
            }
            H5.H5Dwrite(d, HDF5Constants.H5T_NATIVE_FLOAT, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL,
                HDF5Constants.H5P_DEFAULT, a);
          } else {
            double[] a = items.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
            H5.H5Dwrite(d, HDF5Constants.H5T_NATIVE_DOUBLE, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL,
                HDF5Constants.H5P_DEFAULT, a);
          }
        }
        case "i64" -> {
          d = H5.H5Dcreate(g, name, explicit != null ? explicit.fileType : HDF5Constants.H5T_STD_I64LE, sp,
              HDF5Constants.H5P_DEFAULT, HDF5Constants.H5P_DEFAULT, HDF5Constants.H5P_DEFAULT);
          long[] a = items.stream().mapToLong(x -> x instanceof Boolean b ? (b ? 1 : 0) : ((Number) x).longValue()).toArray();
          H5.H5Dwrite(d, HDF5Constants.H5T_NATIVE_INT64, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL,
              HDF5Constants.H5P_DEFAULT, a);
        }
        default -> {
          t = H5.H5Tcopy(HDF5Constants.H5T_C_S1);
          H5.H5Tset_size(t, HDF5Constants.H5T_VARIABLE);
          H5.H5Tset_cset(t, HDF5Constants.H5T_CSET_UTF8);
          H5.H5Tset_strpad(t, HDF5Constants.H5T_STR_NULLTERM);
          d = H5.H5Dcreate(g, name, t, sp, HDF5Constants.H5P_DEFAULT, HDF5Constants.H5P_DEFAULT,
              HDF5Constants.H5P_DEFAULT);
          String[] a = items.stream().map(String::valueOf).toArray(String[]::new);
          H5.H5Dwrite_VLStrings(d, t, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, HDF5Constants.H5P_DEFAULT, a);
        }
      }
    } finally {
      Hdf5.closeQuietly(d);
      Hdf5.closeQuietly(t);
      H5.H5Sclose(sp);
    }
  }

  private static List<Float> floats(float[] f) {
    List<Float> out = new ArrayList<>(f.length);
    for (float x : f) {
      out.add(x);
    }
    return out;
  }

  /** Validates a {@link Typed} value; returns the write path ("f32"/"f64" floats, "i64" integers). */
  private static String checkTyped(NumberType type, List<?> items, String where) {
    for (Object x : items) {
      if (!(x instanceof Number n)) {
        throw new IllegalArgumentException(where + ": " + type + " value must be numeric, got " + x);
      }
      if (!type.isFloat()) {
        boolean integral = n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
        if (!integral || n.longValue() < type.min || n.longValue() > type.max) {
          throw new IllegalArgumentException(where + ": " + x + " is not a " + type + " integer (range "
              + type.min + ".." + type.max + ")");
        }
      }
    }
    return type.isFloat() ? (type == NumberType.F32 ? "f32" : "f64") : "i64";
  }

  private static String kindOf(List<?> items, String where) {
    if (items.isEmpty()) {
      return "f64";
    }
    if (items.stream().allMatch(x -> x instanceof String)) {
      return "str";
    }
    if (items.stream().allMatch(x -> x instanceof Long || x instanceof Integer || x instanceof Short
        || x instanceof Byte || x instanceof Boolean)) {
      return "i64";
    }
    if (items.stream().allMatch(x -> x instanceof Float)) {
      return "f32";
    }
    if (items.stream().allMatch(x -> x instanceof Number)) {
      return "f64";
    }
    throw new IllegalArgumentException(where + ": unsupported metadata value " + items);
  }
}

package io.tickstream.connectors.drf;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Access to the HDF5 C library (1.14.3, from {@code org.bytedeco:hdf5:linux-x86_64}) through the HDF
 * Group JNI API {@code hdf.hdf5lib.H5}, plus small attribute helpers shared by the Digital RF
 * reader and writer.
 *
 * <p><b>Loading</b> (docs/STACK.md §9): {@code H5.<clinit>} loads the library named by the system
 * property {@code hdf.hdf5lib.H5.hdf5lib}, else {@code System.loadLibrary("hdf5_java")} (which would
 * silently bind Debian's HDF5 1.10 when {@code libhdf5-jni} is installed). {@link #ensureLoaded()}
 * extracts {@code libhdf5.so.310} and {@code libhdf5_java.so} from the classpath into a <em>fresh</em>
 * temporary directory, loads them and points the property there before {@code H5} is touched. JavaCPP's
 * {@code Loader} is deliberately not used: it caches one extraction path per JVM, and a second Flink
 * user-code class loader (a job restart) then fails with "already loaded in another classloader".
 * Each class loader that loads this class gets its own copy (the files are deleted right after
 * {@code dlopen}); the C library itself is shared by soname.
 *
 * <p><b>Threads:</b> the HDF5 build is not thread-safe. {@code H5}'s methods are synchronized per
 * {@code H5} class, i.e. per class loader; {@link #LOCK} is one object per JVM (kept in the system
 * properties table, so every class loader sees the same instance) and every Digital RF operation
 * holds it around its HDF5 calls.
 */
public final class Hdf5 {
  private static final String LIB_PROPERTY = "hdf.hdf5lib.H5.hdf5lib";
  private static final String LOCK_KEY = "io.tickstream.connectors.drf.Hdf5.lock";
  private static final String RESOURCE_DIR = "/org/bytedeco/hdf5/linux-x86_64/";

  /** JVM-wide lock shared across class loaders; hold it for every HDF5 call sequence. */
  public static final Object LOCK = System.getProperties().computeIfAbsent(LOCK_KEY, k -> new Object());

  private static volatile boolean loaded;

  private Hdf5() {}

  /** Loads the HDF5 natives into this class loader once. Idempotent and thread-safe. */
  public static void ensureLoaded() {
    if (loaded) {
      return;
    }
    synchronized (LOCK) {
      if (loaded) {
        return;
      }
      Path dir = null;
      try {
        dir = Files.createTempDirectory("tickstream-hdf5-");
        Path core = extract(dir, "libhdf5.so.310");
        Path jni = extract(dir, "libhdf5_java.so");
        System.load(core.toString());
        String previous = System.getProperty(LIB_PROPERTY);
        System.setProperty(LIB_PROPERTY, jni.toString());
        try {
          // triggers H5.<clinit>: System.load(jni), H5open, version check
          Class.forName("hdf.hdf5lib.H5", true, Hdf5.class.getClassLoader());
          H5.H5open();
        } finally {
          if (previous == null) {
            System.clearProperty(LIB_PROPERTY);
          } else {
            System.setProperty(LIB_PROPERTY, previous);
          }
        }
        loaded = true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot extract the HDF5 native libraries", e);
      } catch (ClassNotFoundException | RuntimeException e) {
        throw new IllegalStateException("cannot initialise the HDF5 library: " + e, e);
      } finally {
        deleteQuietly(dir);
      }
    }
  }

  private static Path extract(Path dir, String name) throws IOException {
    try (InputStream in = Hdf5.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IOException("HDF5 native " + name + " not on the classpath (org.bytedeco:hdf5:linux-x86_64 missing?)");
      }
      Path out = dir.resolve(name);
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
      return out;
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // a leftover temp dir is harmless
    }
  }

  // ---------------------------------------------------------------- attribute helpers

  /** Reads a scalar integer attribute as a Java long (U64 values above 2^63 wrap, never seen in DRF). */
  static long readLongAttr(long obj, String name) throws HDF5Exception {
    long a = H5.H5Aopen(obj, name, HDF5Constants.H5P_DEFAULT);
    try {
      long[] v = new long[1];
      H5.H5Aread(a, HDF5Constants.H5T_NATIVE_INT64, v);
      return v[0];
    } finally {
      H5.H5Aclose(a);
    }
  }

  /** Reads a fixed-length or variable-length string attribute (trailing NULs removed). */
  static String readStringAttr(long obj, String name) throws HDF5Exception {
    long a = H5.H5Aopen(obj, name, HDF5Constants.H5P_DEFAULT);
    long t = H5.H5Aget_type(a);
    try {
      if (H5.H5Tis_variable_str(t)) {
        String[] s = new String[1];
        H5.H5Aread_VLStrings(a, t, s);
        return s[0];
      }
      byte[] b = new byte[(int) H5.H5Tget_size(t)];
      H5.H5Aread(a, t, b);
      return cString(b, 0, b.length);
    } finally {
      H5.H5Tclose(t);
      H5.H5Aclose(a);
    }
  }

  /** The bytes up to the first NUL, as ASCII/UTF-8. */
  static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  static boolean hasAttr(long obj, String name) throws HDF5Exception {
    return H5.H5Aexists(obj, name);
  }

  /** Writes a SCALAR attribute of file type {@code fileType} (e.g. H5T_STD_U64LE) holding {@code v}. */
  static void writeLongAttr(long obj, String name, long fileType, long v) throws HDF5Exception {
    long sp = H5.H5Screate(HDF5Constants.H5S_SCALAR);
    try {
      long a = H5.H5Acreate(obj, name, fileType, sp, HDF5Constants.H5P_DEFAULT, HDF5Constants.H5P_DEFAULT);
      try {
        H5.H5Awrite(a, HDF5Constants.H5T_NATIVE_INT64, new long[] {v});
      } finally {
        H5.H5Aclose(a);
      }
    } finally {
      H5.H5Sclose(sp);
    }
  }

  /**
   * Writes a SCALAR fixed-length ASCII string attribute of size {@code len + 1} with the given pad
   * ({@code H5T_STR_NULLTERM} for Digital RF, {@code H5T_STR_NULLPAD} and size {@code len} for
   * h5py-written Digital Metadata properties).
   */
  static void writeStringAttr(long obj, String name, String value, boolean nullTerm) throws HDF5Exception {
    byte[] chars = value.getBytes(StandardCharsets.US_ASCII);
    int size = nullTerm ? chars.length + 1 : Math.max(1, chars.length);
    byte[] buf = new byte[size];
    System.arraycopy(chars, 0, buf, 0, chars.length);
    long t = H5.H5Tcopy(HDF5Constants.H5T_C_S1);
    long sp = H5.H5Screate(HDF5Constants.H5S_SCALAR);
    try {
      H5.H5Tset_size(t, size);
      H5.H5Tset_strpad(t, nullTerm ? HDF5Constants.H5T_STR_NULLTERM : HDF5Constants.H5T_STR_NULLPAD);
      H5.H5Tset_cset(t, HDF5Constants.H5T_CSET_ASCII);
      long a = H5.H5Acreate(obj, name, t, sp, HDF5Constants.H5P_DEFAULT, HDF5Constants.H5P_DEFAULT);
      try {
        H5.H5Awrite(a, t, buf);
      } finally {
        H5.H5Aclose(a);
      }
    } finally {
      H5.H5Sclose(sp);
      H5.H5Tclose(t);
    }
  }

  /** File-access property list for superblock 0 / v1 B-trees, as the reference library writes. */
  static long earliestFormatFapl() throws HDF5Exception {
    long fapl = H5.H5Pcreate(HDF5Constants.H5P_FILE_ACCESS);
    H5.H5Pset_libver_bounds(fapl, HDF5Constants.H5F_LIBVER_EARLIEST, HDF5Constants.H5F_LIBVER_V18);
    return fapl;
  }

  /** Closes an HDF5 id of any kind, ignoring errors (for cleanup paths). */
  static void closeQuietly(long id) {
    if (id < 0) {
      return;
    }
    try {
      int type = H5.H5Iget_type(id);
      if (type == HDF5Constants.H5I_FILE) {
        H5.H5Fclose(id);
      } else if (type == HDF5Constants.H5I_DATASET) {
        H5.H5Dclose(id);
      } else if (type == HDF5Constants.H5I_DATASPACE) {
        H5.H5Sclose(id);
      } else if (type == HDF5Constants.H5I_DATATYPE) {
        H5.H5Tclose(id);
      } else if (type == HDF5Constants.H5I_GROUP) {
        H5.H5Gclose(id);
      } else if (type == HDF5Constants.H5I_GENPROP_LST) {
        H5.H5Pclose(id);
      } else if (type == HDF5Constants.H5I_ATTR) {
        H5.H5Aclose(id);
      }
    } catch (RuntimeException ignored) {
      // best effort
    }
  }

  /** A short description of an HDF5 exception (the JNI message names the failing C call). */
  static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}

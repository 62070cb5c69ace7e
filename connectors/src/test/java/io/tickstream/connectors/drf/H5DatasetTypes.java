package io.tickstream.connectors.drf;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Test helper (also used by the jobs module's tests): the stored HDF5 numeric type of datasets in a group. */
public final class H5DatasetTypes {
  private H5DatasetTypes() {}

  /**
   * {@code "float/<bytes>/<le|be>"} or {@code "int/<bytes>/<le|be>/<signed|unsigned>"} (other classes:
   * {@code "class/<n>"}) of each dataset {@code <group>/<name>} in {@code file}.
   */
  public static Map<String, String> of(Path file, String group, Collection<String> names) {
    Hdf5.ensureLoaded();
    Map<String, String> out = new TreeMap<>();
    synchronized (Hdf5.LOCK) {
      long f = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
      try {
        for (String n : names) {
          long d = H5.H5Dopen(f, group + "/" + n, HDF5Constants.H5P_DEFAULT);
          long t = H5.H5Dget_type(d);
          try {
            int cls = H5.H5Tget_class(t);
            String order = H5.H5Tget_order(t) == HDF5Constants.H5T_ORDER_LE ? "le" : "be";
            long size = H5.H5Tget_size(t);
            out.put(n, cls == HDF5Constants.H5T_FLOAT ? "float/" + size + "/" + order
                : cls == HDF5Constants.H5T_INTEGER ? "int/" + size + "/" + order + "/"
                    + (H5.H5Tget_sign(t) == HDF5Constants.H5T_SGN_NONE ? "unsigned" : "signed")
                : "class/" + cls);
          } finally {
            H5.H5Tclose(t);
            H5.H5Dclose(d);
          }
        }
      } finally {
        H5.H5Fclose(f);
      }
    }
    return out;
  }
}

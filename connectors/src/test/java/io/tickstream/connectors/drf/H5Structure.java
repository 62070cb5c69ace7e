package io.tickstream.connectors.drf;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Test helper: the HDF5-level structure of a DRF data file (types, layout, filters, fill, attribute types). */
final class H5Structure {
  private H5Structure() {}

  static Map<String, String> describe(Path file) {
    Hdf5.ensureLoaded();
    Map<String, String> out = new TreeMap<>();
    synchronized (Hdf5.LOCK) {
      long f = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
      try {
        for (String ds : new String[] {"rf_data", "rf_data_index"}) {
          long d = H5.H5Dopen(f, ds, HDF5Constants.H5P_DEFAULT);
          long t = H5.H5Dget_type(d);
          long sp = H5.H5Dget_space(d);
          long dcpl = H5.H5Dget_create_plist(d);
          try {
            out.put(ds + ".type", type(t));
            int rank = H5.H5Sget_simple_extent_ndims(sp);
            long[] dims = new long[rank];
            long[] max = new long[rank];
            H5.H5Sget_simple_extent_dims(sp, dims, max);
            out.put(ds + ".rank", Integer.toString(rank));
            out.put(ds + ".maxcols", Long.toString(max[rank - 1]));
            out.put(ds + ".unlimited", Boolean.toString(max[0] == HDF5Constants.H5S_UNLIMITED));
            int layout = H5.H5Pget_layout(dcpl);
            out.put(ds + ".layout", Integer.toString(layout));
            if (layout == HDF5Constants.H5D_CHUNKED) {
              long[] cd = new long[rank];
              H5.H5Pget_chunk(dcpl, rank, cd);
              out.put(ds + ".chunkcols", Long.toString(cd[rank - 1]));
              StringBuilder fl = new StringBuilder();
              for (int k = 0; k < H5.H5Pget_nfilters(dcpl); k++) {
                int[] flags = new int[1];
                long[] n = {4};
                int[] cv = new int[4];
                String[] name = new String[1];
                int id = H5.H5Pget_filter(dcpl, k, flags, n, cv, 120, name, new int[1]);
                fl.append(id).append("/flags=").append(flags[0]).append(id == 1 ? "/level=" + cv[0] : "").append(';');
              }
              out.put(ds + ".filters", fl.toString());
            }
            int[] ft = new int[1];
            H5.H5Pget_fill_time(dcpl, ft);
            out.put(ds + ".filltime", Integer.toString(ft[0]));
            int[] at = new int[1];
            H5.H5Pget_alloc_time(dcpl, at);
            out.put(ds + ".alloctime", Integer.toString(at[0]));
            if (ds.equals("rf_data")) {
              byte[] fill = new byte[(int) H5.H5Tget_size(t)];
              H5.H5Pget_fill_value(dcpl, t, fill);
              out.put(ds + ".fill", java.util.HexFormat.of().formatHex(fill));
              int na = (int) H5.H5Oget_info(d).num_attrs;
              for (int k = 0; k < na; k++) {
                long a = H5.H5Aopen_by_idx(d, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, k,
                    HDF5Constants.H5P_DEFAULT, HDF5Constants.H5P_DEFAULT);
                long atype = H5.H5Aget_type(a);
                long asp = H5.H5Aget_space(a);
                try {
                  out.put("attr." + H5.H5Aget_name(a), type(atype) + " space=" + H5.H5Sget_simple_extent_type(asp));
                } finally {
                  H5.H5Sclose(asp);
                  H5.H5Tclose(atype);
                  H5.H5Aclose(a);
                }
              }
            }
          } finally {
            H5.H5Pclose(dcpl);
            H5.H5Sclose(sp);
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

  private static String type(long t) {
    int cls = H5.H5Tget_class(t);
    StringBuilder sb = new StringBuilder("class=" + cls + " size=" + H5.H5Tget_size(t));
    if (cls == HDF5Constants.H5T_COMPOUND) {
      for (int m = 0; m < H5.H5Tget_nmembers(t); m++) {
        long mt = H5.H5Tget_member_type(t, m);
        sb.append(" {").append(H5.H5Tget_member_name(t, m)).append("@").append(H5.H5Tget_member_offset(t, m))
            .append(' ').append(type(mt)).append('}');
        H5.H5Tclose(mt);
      }
    } else if (cls == HDF5Constants.H5T_STRING) {
      sb.append(" pad=").append(H5.H5Tget_strpad(t)).append(" cset=").append(H5.H5Tget_cset(t));
    } else {
      sb.append(" order=").append(H5.H5Tget_order(t)).append(" sign=")
          .append(cls == HDF5Constants.H5T_INTEGER ? H5.H5Tget_sign(t) : -1);
    }
    return sb.toString();
  }
}

package io.tickstream.connectors.drf;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import java.io.Serializable;
import java.util.Locale;

/**
 * Component type of Digital RF samples: integer or IEEE float, size in bytes, signedness and byte
 * order as stored in the file ({@code H5Tget_class/size/order} attributes; signedness from the
 * dataset's datatype). Complex samples are two such components {@code r, i}.
 */
public record DrfDtype(boolean isFloat, int sizeBytes, boolean signed, boolean bigEndian) implements Serializable {

  public static final DrfDtype INT16 = new DrfDtype(false, 2, true, false);
  public static final DrfDtype FLOAT32 = new DrfDtype(true, 4, true, false);

  public DrfDtype {
    if (isFloat ? (sizeBytes != 4 && sizeBytes != 8) : (sizeBytes != 1 && sizeBytes != 2 && sizeBytes != 4 && sizeBytes != 8)) {
      throw new IllegalArgumentException("unsupported Digital RF component: " + (isFloat ? "float" : "int") + sizeBytes * 8);
    }
  }

  /** Parses {@code int8..int64}, {@code uint8..uint64}, {@code float32/64}, optional {@code >}/{@code <} prefix or {@code be}/{@code le} suffix. */
  public static DrfDtype parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    boolean be = false;
    if (t.startsWith(">")) {
      be = true;
      t = t.substring(1);
    } else if (t.startsWith("<")) {
      t = t.substring(1);
    }
    if (t.endsWith("be")) {
      be = true;
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("le")) {
      t = t.substring(0, t.length() - 2);
    }
    boolean f = t.startsWith("float");
    boolean u = t.startsWith("uint");
    String bits = t.replaceFirst("^(float|uint|int)", "");
    if (bits.equals(t)) {
      throw new IllegalArgumentException("unknown dtype '" + s + "'");
    }
    return new DrfDtype(f, Integer.parseInt(bits) / 8, !u, be);
  }

  /** numpy-style name of the component type, e.g. {@code int16}, {@code float32}. */
  public String name() {
    return (isFloat ? "float" : signed ? "int" : "uint") + sizeBytes * 8;
  }

  public String byteOrderName() {
    return bigEndian ? "big" : "little";
  }

  /** Same type, little-endian (the canonical in-memory order of {@link DrfSamples}). */
  public DrfDtype littleEndian() {
    return bigEndian ? new DrfDtype(isFloat, sizeBytes, signed, false) : this;
  }

  public DrfDtype withByteOrder(boolean be) {
    return new DrfDtype(isFloat, sizeBytes, signed, be);
  }

  /** H5T_class_t value stored in {@code H5Tget_class}: 0 integer, 1 float. */
  public int h5Class() {
    return isFloat ? 1 : 0;
  }

  /**
   * Canonical little-endian bytes of the fill value of one component: NaN (0x7FC00000 /
   * 0x7FF8000000000000) for floats, the type minimum for signed integers, 0 for unsigned.
   */
  public byte[] fillComponentLe() {
    byte[] b = new byte[sizeBytes];
    if (isFloat) {
      long bits = sizeBytes == 4 ? Float.floatToRawIntBits(Float.NaN) & 0xFFFFFFFFL : Double.doubleToRawLongBits(Double.NaN);
      for (int k = 0; k < sizeBytes; k++) {
        b[k] = (byte) (bits >>> (8 * k));
      }
    } else if (signed) {
      b[sizeBytes - 1] = (byte) 0x80;
    }
    return b;
  }

  /** A new HDF5 datatype id for one component in this type and byte order (caller closes). */
  long createH5Type() throws HDF5Exception {
    long base;
    if (isFloat) {
      base = sizeBytes == 4 ? HDF5Constants.H5T_IEEE_F32LE : HDF5Constants.H5T_IEEE_F64LE;
    } else {
      base = switch (sizeBytes) {
        case 1 -> signed ? HDF5Constants.H5T_STD_I8LE : HDF5Constants.H5T_STD_U8LE;
        case 2 -> signed ? HDF5Constants.H5T_STD_I16LE : HDF5Constants.H5T_STD_U16LE;
        case 4 -> signed ? HDF5Constants.H5T_STD_I32LE : HDF5Constants.H5T_STD_U32LE;
        default -> signed ? HDF5Constants.H5T_STD_I64LE : HDF5Constants.H5T_STD_U64LE;
      };
    }
    long t = H5.H5Tcopy(base);
    if (bigEndian) {
      H5.H5Tset_order(t, HDF5Constants.H5T_ORDER_BE);
    }
    return t;
  }

  /**
   * A new HDF5 sample type (caller closes): the component itself for real data, else the packed
   * compound {@code {T "r" @0; T "i" @size}} exactly as the reference writer defines it.
   */
  long createSampleH5Type(boolean complex) throws HDF5Exception {
    long c = createH5Type();
    if (!complex) {
      return c;
    }
    try {
      long t = H5.H5Tcreate(HDF5Constants.H5T_COMPOUND, 2L * sizeBytes);
      H5.H5Tinsert(t, "r", 0, c);
      H5.H5Tinsert(t, "i", sizeBytes, c);
      return t;
    } finally {
      H5.H5Tclose(c);
    }
  }

  /** Reads the component type of a DRF {@code rf_data} datatype (atomic, or compound {@code r,i}). */
  static DrfDtype ofH5Type(long type, String where) throws HDF5Exception {
    int cls = H5.H5Tget_class(type);
    if (cls == HDF5Constants.H5T_COMPOUND) {
      if (H5.H5Tget_nmembers(type) != 2 || !"r".equals(H5.H5Tget_member_name(type, 0))
          || !"i".equals(H5.H5Tget_member_name(type, 1))) {
        throw new DrfFormatException(where, -1, "rf_data compound type is not {r, i}");
      }
      long m = H5.H5Tget_member_type(type, 0);
      try {
        return ofH5Type(m, where);
      } finally {
        H5.H5Tclose(m);
      }
    }
    boolean f;
    if (cls == HDF5Constants.H5T_FLOAT) {
      f = true;
    } else if (cls == HDF5Constants.H5T_INTEGER) {
      f = false;
    } else {
      throw new DrfFormatException(where, -1, "rf_data datatype class " + cls + " is neither integer nor float");
    }
    int size = (int) H5.H5Tget_size(type);
    boolean signed = f || H5.H5Tget_sign(type) == HDF5Constants.H5T_SGN_2;
    boolean be = H5.H5Tget_order(type) == HDF5Constants.H5T_ORDER_BE;
    return new DrfDtype(f, size, signed, be);
  }
}

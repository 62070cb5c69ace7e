package io.tickstream.connectors.drf;

import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import io.tickstream.core.time.Rational;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The channel-wide Digital RF attributes: the 15 root attributes of {@code drf_properties.h5}, also
 * repeated on every {@code /rf_data} (docs/DIGITAL_RF.md "Attributes"). The sample rate is kept as
 * the stored (unreduced) numerator and denominator; {@link #sampleRate()} is the exact rational.
 */
public record DrfProperties(
    DrfDtype dtype,
    long sampleRateNumerator,
    long sampleRateDenominator,
    long subdirCadenceSecs,
    long fileCadenceMillisecs,
    boolean complex,
    int numSubchannels,
    boolean continuous,
    long h5Precision,
    long h5Offset,
    String epoch,
    String digitalRfVersion,
    String timeDescription) implements Serializable {

  public static final String EPOCH = "1970-01-01T00:00:00Z";
  public static final String VERSION = "2.6.0";
  public static final String TIME_DESCRIPTION = "All times in this format are in number of samples since the epoch in "
      + "the epoch attribute.  The first sample time will be sample_rate * UTC time at first sample.  Attribute "
      + "init_utc_timestamp records this init UTC time so that a conversion to any other time is possible given "
      + "the number of leapseconds difference at init_utc_timestamp.  Leapseconds that occur during data recording "
      + "are included in the data.";

  /** Properties as the reference writer (2.6) stores them for a new channel. */
  public static DrfProperties of(DrfDtype dtype, long rateNum, long rateDen, long subdirCadenceSecs,
      long fileCadenceMillisecs, boolean complex, int numSubchannels, boolean continuous) {
    return new DrfProperties(dtype, rateNum, rateDen, subdirCadenceSecs, fileCadenceMillisecs, complex,
        numSubchannels, continuous, dtype.sizeBytes() * 8L, 0, EPOCH, VERSION, TIME_DESCRIPTION);
  }

  public DrfProperties {
    if (sampleRateNumerator <= 0 || sampleRateDenominator <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRateNumerator + "/" + sampleRateDenominator);
    }
    if (subdirCadenceSecs < 1 || fileCadenceMillisecs < 1 || subdirCadenceSecs * 1000 % fileCadenceMillisecs != 0) {
      throw new IllegalArgumentException("subdir_cadence_secs*1000 (" + subdirCadenceSecs
          + "*1000) must be a multiple of file_cadence_millisecs (" + fileCadenceMillisecs + ")");
    }
    if (numSubchannels < 1) {
      throw new IllegalArgumentException("num_subchannels must be >= 1: " + numSubchannels);
    }
  }

  /** Exact sample rate in Hz. */
  public Rational sampleRate() {
    return Rational.of(sampleRateNumerator, sampleRateDenominator);
  }

  /** {@code samples_per_second} as the reference reader derives it (a float). */
  public double samplesPerSecond() {
    return (double) sampleRateNumerator / sampleRateDenominator;
  }

  /** Components per sample (subchannels x 2 for complex). */
  public int componentsPerSample() {
    return numSubchannels * (complex ? 2 : 1);
  }

  public int bytesPerSample() {
    return componentsPerSample() * dtype.sizeBytes();
  }

  /** The 15 channel attributes by name, with their stored values (ints as Long, strings as String). */
  public Map<String, Object> attributes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("H5Tget_class", (long) dtype.h5Class());
    m.put("H5Tget_offset", h5Offset);
    m.put("H5Tget_order", dtype.bigEndian() ? 1L : 0L);
    m.put("H5Tget_precision", h5Precision);
    m.put("H5Tget_size", (long) dtype.sizeBytes());
    m.put("digital_rf_time_description", timeDescription);
    m.put("digital_rf_version", digitalRfVersion);
    m.put("epoch", epoch);
    m.put("file_cadence_millisecs", fileCadenceMillisecs);
    m.put("is_complex", complex ? 1L : 0L);
    m.put("is_continuous", continuous ? 1L : 0L);
    m.put("num_subchannels", (long) numSubchannels);
    m.put("sample_rate_denominator", sampleRateDenominator);
    m.put("sample_rate_numerator", sampleRateNumerator);
    m.put("subdir_cadence_secs", subdirCadenceSecs);
    return m;
  }

  /** Same properties with another component type (e.g. after reading signedness from rf_data). */
  public DrfProperties withDtype(DrfDtype d) {
    return new DrfProperties(d, sampleRateNumerator, sampleRateDenominator, subdirCadenceSecs, fileCadenceMillisecs,
        complex, numSubchannels, continuous, h5Precision, h5Offset, epoch, digitalRfVersion, timeDescription);
  }

  /** Reads the attributes from an HDF5 object (root group or {@code rf_data}); signedness assumed. */
  static DrfProperties read(long obj, String where, boolean signed) throws HDF5Exception {
    try {
      boolean isFloat = Hdf5.readLongAttr(obj, "H5Tget_class") == 1;
      int size = (int) Hdf5.readLongAttr(obj, "H5Tget_size");
      boolean be = Hdf5.readLongAttr(obj, "H5Tget_order") == 1;
      DrfDtype dtype = new DrfDtype(isFloat, size, isFloat || signed, be);
      return new DrfProperties(dtype,
          Hdf5.readLongAttr(obj, "sample_rate_numerator"),
          Hdf5.readLongAttr(obj, "sample_rate_denominator"),
          Hdf5.readLongAttr(obj, "subdir_cadence_secs"),
          Hdf5.readLongAttr(obj, "file_cadence_millisecs"),
          Hdf5.readLongAttr(obj, "is_complex") != 0,
          (int) Hdf5.readLongAttr(obj, "num_subchannels"),
          Hdf5.readLongAttr(obj, "is_continuous") != 0,
          Hdf5.hasAttr(obj, "H5Tget_precision") ? Hdf5.readLongAttr(obj, "H5Tget_precision") : size * 8L,
          Hdf5.hasAttr(obj, "H5Tget_offset") ? Hdf5.readLongAttr(obj, "H5Tget_offset") : 0,
          Hdf5.hasAttr(obj, "epoch") ? Hdf5.readStringAttr(obj, "epoch") : EPOCH,
          Hdf5.hasAttr(obj, "digital_rf_version") ? Hdf5.readStringAttr(obj, "digital_rf_version") : "",
          Hdf5.hasAttr(obj, "digital_rf_time_description") ? Hdf5.readStringAttr(obj, "digital_rf_time_description") : "");
    } catch (IllegalArgumentException e) {
      throw new DrfFormatException(where, -1, "invalid Digital RF attributes: " + e.getMessage(), e);
    }
  }

  /** Writes the 15 channel attributes with the reference's HDF5 types (U64LE, I32LE, NULLTERM strings). */
  void write(long obj) throws HDF5Exception {
    long u64 = HDF5Constants.H5T_STD_U64LE;
    long i32 = HDF5Constants.H5T_STD_I32LE;
    Hdf5.writeLongAttr(obj, "H5Tget_class", u64, dtype.h5Class());
    Hdf5.writeLongAttr(obj, "H5Tget_size", u64, dtype.sizeBytes());
    Hdf5.writeLongAttr(obj, "H5Tget_order", u64, dtype.bigEndian() ? 1 : 0);
    Hdf5.writeLongAttr(obj, "H5Tget_precision", u64, h5Precision);
    Hdf5.writeLongAttr(obj, "H5Tget_offset", u64, h5Offset);
    Hdf5.writeLongAttr(obj, "subdir_cadence_secs", u64, subdirCadenceSecs);
    Hdf5.writeLongAttr(obj, "file_cadence_millisecs", u64, fileCadenceMillisecs);
    Hdf5.writeLongAttr(obj, "sample_rate_numerator", u64, sampleRateNumerator);
    Hdf5.writeLongAttr(obj, "sample_rate_denominator", u64, sampleRateDenominator);
    Hdf5.writeLongAttr(obj, "is_complex", i32, complex ? 1 : 0);
    Hdf5.writeLongAttr(obj, "num_subchannels", i32, numSubchannels);
    Hdf5.writeLongAttr(obj, "is_continuous", i32, continuous ? 1 : 0);
    Hdf5.writeStringAttr(obj, "epoch", epoch, true);
    Hdf5.writeStringAttr(obj, "digital_rf_time_description", timeDescription, true);
    Hdf5.writeStringAttr(obj, "digital_rf_version", digitalRfVersion, true);
  }
}

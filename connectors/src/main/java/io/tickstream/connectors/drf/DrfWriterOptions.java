package io.tickstream.connectors.drf;

import java.io.Serializable;

/**
 * How a {@link DigitalRfWriter} lays out a channel. Defaults are the reference writer's
 * ({@code DigitalRFWriter}): 3600 s subdirectories, 1000 ms files, no compression, no checksum,
 * continuous layout.
 *
 * @param subdirCadenceSecs seconds per subdirectory; {@code subdirCadenceSecs * 1000} must be a
 *     multiple of {@code fileCadenceMillisecs}
 * @param fileCadenceMillisecs milliseconds per file
 * @param compressionLevel deflate level 0 (off) to 9
 * @param checksum add the Fletcher32 filter
 * @param continuous {@code is_continuous=1}: without compression/checksum, files are contiguous and
 *     cover their whole period with unwritten samples stored as the fill value; with a filter the
 *     storage is chunked and unpadded (as the reference). {@code false}: gapped layout.
 * @param uuid writer UUID (32 hex digits) stored in every file; {@code null} for a random one
 * @param bigEndian store components big-endian (attributes stay little-endian)
 */
public record DrfWriterOptions(long subdirCadenceSecs, long fileCadenceMillisecs, int compressionLevel,
    boolean checksum, boolean continuous, String uuid, boolean bigEndian) implements Serializable {

  public DrfWriterOptions {
    if (compressionLevel < 0 || compressionLevel > 9) {
      throw new IllegalArgumentException("compression level must be 0..9: " + compressionLevel);
    }
    if (subdirCadenceSecs < 1 || fileCadenceMillisecs < 1 || subdirCadenceSecs * 1000 % fileCadenceMillisecs != 0) {
      throw new IllegalArgumentException("subdir cadence " + subdirCadenceSecs + " s * 1000 must be a multiple of the "
          + "file cadence " + fileCadenceMillisecs + " ms");
    }
    if (uuid != null && !uuid.matches("[0-9a-fA-F]{32}")) {
      throw new IllegalArgumentException("uuid must be 32 hex digits: " + uuid);
    }
  }

  /** The reference writer's defaults. */
  public static DrfWriterOptions defaults() {
    return new DrfWriterOptions(3600, 1000, 0, false, true, null, false);
  }

  public DrfWriterOptions withCadences(long subdirSecs, long fileMillis) {
    return new DrfWriterOptions(subdirSecs, fileMillis, compressionLevel, checksum, continuous, uuid, bigEndian);
  }

  public DrfWriterOptions withCompression(int level) {
    return new DrfWriterOptions(subdirCadenceSecs, fileCadenceMillisecs, level, checksum, continuous, uuid, bigEndian);
  }

  public DrfWriterOptions withChecksum(boolean on) {
    return new DrfWriterOptions(subdirCadenceSecs, fileCadenceMillisecs, compressionLevel, on, continuous, uuid, bigEndian);
  }

  public DrfWriterOptions withContinuous(boolean on) {
    return new DrfWriterOptions(subdirCadenceSecs, fileCadenceMillisecs, compressionLevel, checksum, on, uuid, bigEndian);
  }

  public DrfWriterOptions withUuid(String id) {
    return new DrfWriterOptions(subdirCadenceSecs, fileCadenceMillisecs, compressionLevel, checksum, continuous, id, bigEndian);
  }

  public DrfWriterOptions withBigEndian(boolean be) {
    return new DrfWriterOptions(subdirCadenceSecs, fileCadenceMillisecs, compressionLevel, checksum, continuous, uuid, be);
  }

  /** Whether rf_data is chunked (any filter, or the gapped layout), as the reference decides. */
  public boolean chunked() {
    return checksum || compressionLevel > 0 || !continuous;
  }
}

package io.tickstream.connectors.drf;

/**
 * A Digital RF file or directory that cannot be read as stored: missing or mismatched attributes,
 * a truncated file, a Fletcher32/deflate data error, overlapping index rows. Names the file and,
 * where known, the first affected global sample index ({@code -1} when the problem is not tied to
 * a sample).
 */
public class DrfFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final long sampleIndex;

  public DrfFormatException(String file, long sampleIndex, String message) {
    this(file, sampleIndex, message, null);
  }

  public DrfFormatException(String file, long sampleIndex, String message, Throwable cause) {
    super(file + (sampleIndex >= 0 ? " (sample " + sampleIndex + ")" : "") + ": " + message, cause);
    this.file = file;
    this.sampleIndex = sampleIndex;
  }

  /** Path of the offending file or directory. */
  public String file() {
    return file;
  }

  /** First affected global sample index, or -1. */
  public long sampleIndex() {
    return sampleIndex;
  }
}

package io.tickstream.connectors.drf;

/** A Digital RF write that was refused (backwards, over existing data, mismatched format) or failed. */
public class DrfWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DrfWriteException(String message) {
    super(message);
  }

  public DrfWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}

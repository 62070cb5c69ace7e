package io.tickstream.connectors.db;

/** A database operation failed; the message names the database (password masked) and what was attempted. */
public class DbException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DbException(String message, Throwable cause) {
    super(message, cause);
  }

  public DbException(String message) {
    super(message);
  }
}

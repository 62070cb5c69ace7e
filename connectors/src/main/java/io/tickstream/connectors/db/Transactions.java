package io.tickstream.connectors.db;

import java.sql.Connection;
import java.sql.SQLException;

/** One transaction on a connection: commit when the work returns, roll back when it throws. */
public final class Transactions {
  private Transactions() {}

  /** Work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} with auto-commit off; commits if it returns, rolls back and rethrows if it throws
   * ({@link SQLException} or a runtime exception); auto-commit is on again afterwards.
   */
  public static <T> T run(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}

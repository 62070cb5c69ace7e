package io.tickstream.connectors.rtp;

/** An invalid station configuration; the message lists every problem, one per line, naming file and key. */
public final class StationConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public StationConfigException(String message) {
    super(message);
  }
}

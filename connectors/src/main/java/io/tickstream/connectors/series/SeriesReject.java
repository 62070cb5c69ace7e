package io.tickstream.connectors.series;

/** An input line that could not be loaded: where ({@code source:line}), why, and the text kept. */
public record SeriesReject(String source, long lineNumber, String reason, String line) {
  @Override
  public String toString() {
    return source + ":" + lineNumber + ": " + reason;
  }
}

package io.tickstream.jobs.hf;

/**
 * One row of a per-method evidence CSV (DOMAIN.md §1.8, seeds/001 "CSV Data Formats"): the file it
 * belongs to ({@code <CHANNEL>_<method>_<YYYYMMDD>.csv}), the system minute it describes (its key in
 * the file) and the rendered CSV line — or lines, {@code '\n'}-separated, for methods with one row per
 * station (tones); every row of one minute starts with the same {@code timestamp_utc}.
 */
public record EvidenceLine(String channel, String method, String day, long minuteStartSystemNs, String csvLine) {

  /** File name of this line's daily per-method CSV. */
  public String fileName() {
    return channel + "_" + method + "_" + day + ".csv";
  }
}

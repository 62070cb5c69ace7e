package io.tickstream.jobs.hf;

/**
 * One row of a per-method evidence CSV (DOMAIN.md §1.8, seeds/001 "CSV Data Formats"): the file it
 * belongs to ({@code <CHANNEL>_<method>_<YYYYMMDD>.csv}), the system minute it describes (its key in
 * the file) and the rendered CSV line.
 */
public record EvidenceLine(String channel, String method, String day, long minuteStartSystemNs, String csvLine) {

  /** File name of this line's daily per-method CSV. */
  public String fileName() {
    return channel + "_" + method + "_" + day + ".csv";
  }
}

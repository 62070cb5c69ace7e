package io.tickstream.jobs.testing;

import io.tickstream.jobs.hf.SimulatedWwv;

/**
 * station.toml texts for tests: station AC0G at EM38ww (PSWS station S000123, instrument 172) whose
 * radiod is on loopback, with a fast Phase 1 archive (compression level 1).
 */
public final class TestStation {
  private static final String HEADER = """
      [station]
      callsign = "AC0G"
      grid_square = "EM38ww"
      receiver_name = "%s"
      psws_station_id = "S000123"
      psws_instrument_id = "172"
      [radiod]
      bind_address = "127.0.0.1"
      data_port = %d
      status_port = %d
      [archive]
      compression_level = 1
      file_cadence_ms = %d
      """;

  private TestStation() {}

  /**
   * Receiver {@code receiver}, radiod on 127.0.0.1 {@code dataPort}/{@code statusPort}, archive files
   * of {@code fileCadenceMs}, then {@code channels} ({@code [[channels]]} entries).
   */
  public static String toml(String receiver, int dataPort, int statusPort, long fileCadenceMs, String channels) {
    return HEADER.formatted(receiver, dataPort, statusPort, fileCadenceMs) + channels;
  }

  /** {@link #toml} with 10 s archive files and the channels {@link SimulatedWwv#radiod} sends. */
  public static String wwv(String receiver, int dataPort, int statusPort) {
    return toml(receiver, dataPort, statusPort, 10_000, SimulatedWwv.STATION_CHANNELS);
  }
}

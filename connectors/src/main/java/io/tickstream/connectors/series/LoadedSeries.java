package io.tickstream.connectors.series;

import java.util.List;

/**
 * The result of reading a curated series file: observations in time order, what was rejected,
 * the unit and the stream's leap-second relation (see {@code io.tickstream.core.gap.LeapHandling}),
 * and a short description for {@code timeseries_stream.description}.
 */
public record LoadedSeries(String format, String unit, String leapHandling, String description,
                           List<SeriesObservation> observations, List<SeriesReject> rejects) {
  public LoadedSeries {
    observations = List.copyOf(observations);
    rejects = List.copyOf(rejects);
  }
}

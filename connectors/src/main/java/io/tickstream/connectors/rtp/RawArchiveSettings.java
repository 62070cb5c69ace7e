package io.tickstream.connectors.rtp;

import io.tickstream.connectors.drf.DrfWriterOptions;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Phase 1 raw archive: {@code DATA_DIR/raw_archive/} is a Digital RF top-level directory with one
 * channel per receiver channel, gapped layout (no fill), deflate at {@code compressionLevel} plus
 * Fletcher32, {@code fileCadenceMs} files (default 60 s) in hour subdirectories, and Digital Metadata
 * under {@code <channel>/metadata/} (DOMAIN.md §1.9 keys, one record per gap event).
 *
 * @param quotaBytesPerChannel prune the oldest files of a channel above this size; 0 = off (default)
 * @param uuid Digital RF {@code uuid_str} of the archive (stable for a station and receiver)
 */
public record RawArchiveSettings(String topDir, String callsign, String gridSquare, String receiverName,
    String pswsStationId, String pswsInstrumentId, Map<String, ChannelDeclaration> channels, int compressionLevel,
    long fileCadenceMs, long quotaBytesPerChannel, String uuid) implements Serializable {

  public static final String DIR_NAME = "raw_archive";
  /** Subdirectory cadence: one directory per hour. */
  public static final long SUBDIR_CADENCE_SECS = 3600;
  /** Digital Metadata file cadence and name (as grape's raw archive writer). */
  public static final long METADATA_FILE_CADENCE_SECS = 3600;
  public static final String METADATA_FILE_NAME = "raw_archive_metadata";

  public RawArchiveSettings {
    channels = new LinkedHashMap<>(channels);
    if (compressionLevel < 0 || compressionLevel > 9) {
      throw new IllegalArgumentException("compression level must be 0..9, got " + compressionLevel);
    }
    if (fileCadenceMs < 1 || (SUBDIR_CADENCE_SECS * 1000) % fileCadenceMs != 0) {
      throw new IllegalArgumentException("file cadence " + fileCadenceMs + " ms must divide the hour");
    }
  }

  /** Settings for {@code station} archiving under {@code dataDir/raw_archive}. */
  public static RawArchiveSettings of(Path dataDir, StationConfig station) {
    Map<String, ChannelDeclaration> ch = new LinkedHashMap<>();
    for (ChannelDeclaration d : station.channels()) {
      ch.put(d.name(), d);
    }
    String id = station.callsign() + "/" + station.gridSquare() + "/" + station.receiverName();
    String uuid = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    return new RawArchiveSettings(dataDir.resolve(DIR_NAME).toAbsolutePath().normalize().toString(), station.callsign(),
        station.gridSquare(), station.receiverName(), station.pswsStationId(), station.pswsInstrumentId(), ch,
        station.compressionLevel(), station.fileCadenceMs(), Math.round(station.quotaGbPerChannel() * 1e9), uuid);
  }

  public Path top() {
    return Path.of(topDir);
  }

  /** Digital RF writer options: gapped, hour subdirectories, the file cadence, deflate + Fletcher32. */
  public DrfWriterOptions writerOptions() {
    return DrfWriterOptions.defaults().withCadences(SUBDIR_CADENCE_SECS, fileCadenceMs).withContinuous(false)
        .withCompression(compressionLevel).withChecksum(true).withUuid(uuid);
  }

  /** Stations expected on {@code channel}, or an empty list for a channel not in the configuration. */
  public List<String> stations(String channel) {
    ChannelDeclaration d = channels.get(channel);
    return d == null ? List.of() : d.stations();
  }
}

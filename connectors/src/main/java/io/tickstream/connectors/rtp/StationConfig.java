package io.tickstream.connectors.rtp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A receiving station: identity (callsign, grid square, receiver, PSWS ids), where radiod sends, the
 * channels to record, and Phase 1 archive settings. Read from TOML:
 *
 * <pre>
 * [station]
 * callsign = "AC0G"
 * grid_square = "EM38ww"
 * receiver_name = "rx888-1"
 * psws_station_id = "S000123"
 * psws_instrument_id = "172"
 *
 * [radiod]                      # all optional
 * data_group = "wwv-iq.local"   # multicast group (name or address); omit for unicast
 * status_group = "hf-status.local"
 * data_port = 5004
 * status_port = 5006
 * bind_address = "127.0.0.1"    # unicast only
 * interface = "eth0"
 * receive_buffer_bytes = 8388608  # SO_RCVBUF requested per socket (the kernel caps it at net.core.rmem_max)
 *
 * [archive]                     # all optional
 * compression_level = 1         # deflate 0..9 (0 = off)
 * file_cadence_ms = 60000
 * quota_gb_per_channel = 0      # 0 = no pruning
 *
 * [[channels]]
 * name = "WWV_10MHz"
 * frequency_hz = 10000000
 * ssrc = "from_status"          # or an integer
 * sample_rate_hz = 20000        # optional (needed with an explicit ssrc when radiod sends no status)
 * encoding = "F32LE"            # optional, as above
 * stations = ["WWV", "WWVH"]
 * </pre>
 *
 * <p>{@link #load} reports every problem at once, each naming the file and the key.
 */
public record StationConfig(
    String callsign,
    String gridSquare,
    String receiverName,
    String pswsStationId,
    String pswsInstrumentId,
    RtpEndpoints endpoints,
    int compressionLevel,
    long fileCadenceMs,
    double quotaGbPerChannel,
    List<ChannelDeclaration> channels) implements Serializable {

  public static final Set<String> KNOWN_STATIONS = Set.of("WWV", "WWVH", "CHU");
  private static final Pattern GRID = Pattern.compile("[A-Ra-r]{2}[0-9]{2}([A-Xa-x]{2})?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Set<String> TOP = Set.of("station", "radiod", "archive", "channels");

  public StationConfig {
    channels = List.copyOf(channels);
  }

  /** The channel declared under {@code name}, or null. */
  public ChannelDeclaration channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  /** Reads and validates a station file. */
  public static StationConfig load(Path file) throws StationConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new StationConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Parses and validates TOML text; {@code where} names the source in messages. */
  public static StationConfig parse(String toml, String where) throws StationConfigException {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(toml);
    } catch (IOException e) {
      throw new StationConfigException(where + ": not valid TOML: " + e.getMessage().split("\n")[0]);
    }
    List<String> errors = new ArrayList<>();
    V v = new V(where, errors);
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!TOP.contains(k)) {
        errors.add(where + ": unknown section [" + k + "] (expected station, radiod, archive, channels)");
      }
    }
    JsonNode st = root.path("station");
    String callsign = v.str(st, "station.callsign", true);
    if (callsign != null && !callsign.matches("[A-Za-z0-9/]{3,12}")) {
      errors.add(where + ": station.callsign: \"" + callsign + "\" is not a callsign");
    }
    String grid = v.str(st, "station.grid_square", true);
    if (grid != null && !GRID.matcher(grid).matches()) {
      errors.add(where + ": station.grid_square: \"" + grid + "\" is not a 4- or 6-character Maidenhead locator");
    }
    String receiver = v.str(st, "station.receiver_name", true);
    String pswsStation = v.str(st, "station.psws_station_id", false);
    String pswsInstrument = v.str(st, "station.psws_instrument_id", false);

    JsonNode rd = root.path("radiod");
    String dataGroup = v.str(rd, "radiod.data_group", false);
    String statusGroup = v.str(rd, "radiod.status_group", false);
    int dataPort = (int) v.integer(rd, "radiod.data_port", RtpEndpoints.DEFAULT_DATA_PORT, 1, 65535);
    int statusPort = (int) v.integer(rd, "radiod.status_port", RtpEndpoints.DEFAULT_STATUS_PORT, 1, 65535);
    String bind = v.str(rd, "radiod.bind_address", false);
    String iface = v.str(rd, "radiod.interface", false);
    int receiveBuffer = (int) v.integer(rd, "radiod.receive_buffer_bytes", 8 << 20, 65_536, 1 << 30);
    if (dataPort == statusPort) {
      errors.add(where + ": radiod.data_port and radiod.status_port are both " + dataPort);
    }

    JsonNode ar = root.path("archive");
    int level = (int) v.integer(ar, "archive.compression_level", 1, 0, 9);
    long cadence = v.integer(ar, "archive.file_cadence_ms", 60_000, 1, 3_600_000);
    if (3_600_000L % cadence != 0) {
      errors.add(where + ": archive.file_cadence_ms: " + cadence + " must divide the hour (3600000 ms)");
    }
    double quota = v.number(ar, "archive.quota_gb_per_channel", 0.0);
    if (quota < 0) {
      errors.add(where + ": archive.quota_gb_per_channel: must be ≥ 0 (0 = no quota), got " + quota);
    }

    List<ChannelDeclaration> chans = new ArrayList<>();
    JsonNode cs = root.path("channels");
    if (!cs.isArray() || cs.isEmpty()) {
      errors.add(where + ": no [[channels]] declared (at least one channel is needed)");
    } else {
      Set<String> names = new HashSet<>();
      Set<Long> ssrcs = new HashSet<>();
      for (int i = 0; i < cs.size(); i++) {
        ChannelDeclaration d = channel(cs.get(i), "channels[" + i + "]", v);
        if (d == null) {
          continue;
        }
        if (!names.add(d.name())) {
          errors.add(where + ": channels[" + i + "].name: \"" + d.name() + "\" declared twice");
        }
        if (d.ssrc() != null && !ssrcs.add(d.ssrc())) {
          errors.add(where + ": channels[" + i + "].ssrc: " + d.ssrc() + " used by two channels");
        }
        chans.add(d);
      }
    }
    if (!errors.isEmpty()) {
      throw new StationConfigException(String.join("\n", errors));
    }
    return new StationConfig(callsign, grid.toUpperCase(Locale.ROOT).substring(0, 2) + grid.substring(2),
        receiver, pswsStation, pswsInstrument,
        new RtpEndpoints(dataGroup, dataPort, statusGroup, statusPort, bind, iface, receiveBuffer), level, cadence, quota,
        chans);
  }

  private static ChannelDeclaration channel(JsonNode c, String at, V v) {
    int before = v.errors.size();
    String name = v.str(c, at + ".name", true);
    if (name != null && !NAME.matcher(name).matches()) {
      v.errors.add(v.where + ": " + at + ".name: \"" + name + "\" must be letters, digits, '_', '.', '-' (it names a directory)");
    }
    double freq = v.number(c, at + ".frequency_hz", Double.NaN);
    if (Double.isNaN(freq)) {
      v.errors.add(v.where + ": " + at + ".frequency_hz: missing");
    } else if (freq <= 0 || freq > 6e9) {
      v.errors.add(v.where + ": " + at + ".frequency_hz: " + freq + " is not a receivable frequency in Hz");
    }
    Long ssrc = null;
    JsonNode s = c.path(leaf(at + ".ssrc"));
    if (s.isMissingNode() || (s.isTextual() && s.asText().replace(' ', '_').equalsIgnoreCase("from_status"))) {
      ssrc = null;
    } else if (s.canConvertToLong() && s.asLong() >= 0 && s.asLong() <= 0xffffffffL && s.isIntegralNumber()) {
      ssrc = s.asLong();
    } else {
      v.errors.add(v.where + ": " + at + ".ssrc: " + s + " must be \"from_status\" or an integer 0..4294967295");
    }
    long rate = v.integer(c, at + ".sample_rate_hz", 0, 1, 10_000_000);
    RtpEncoding enc = null;
    String encName = v.str(c, at + ".encoding", false);
    if (encName != null) {
      try {
        enc = RtpEncoding.parse(encName);
        if (!enc.isSupported()) {
          v.errors.add(v.where + ": " + at + ".encoding: " + enc + " cannot be archived (use S16BE, S16LE, F32LE or F32BE)");
        }
      } catch (IllegalArgumentException e) {
        v.errors.add(v.where + ": " + at + ".encoding: unknown encoding \"" + encName + "\" (S16BE, S16LE, F32LE, F32BE)");
      }
    }
    List<String> stations = new ArrayList<>();
    JsonNode st = c.path("stations");
    if (st.isMissingNode()) {
      v.errors.add(v.where + ": " + at + ".stations: missing (e.g. [\"WWV\", \"WWVH\"])");
    } else if (!st.isArray()) {
      v.errors.add(v.where + ": " + at + ".stations: must be a list such as [\"WWV\", \"WWVH\"]");
    } else {
      for (JsonNode x : st) {
        String up = x.asText().toUpperCase(Locale.ROOT);
        if (!KNOWN_STATIONS.contains(up)) {
          v.errors.add(v.where + ": " + at + ".stations: unknown station \"" + x.asText() + "\" (WWV, WWVH, CHU)");
        }
        stations.add(up);
      }
    }
    for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!Set.of("name", "frequency_hz", "ssrc", "sample_rate_hz", "encoding", "stations").contains(k)) {
        v.errors.add(v.where + ": " + at + "." + k + ": unknown key");
      }
    }
    if (v.errors.size() > before) {
      return null;
    }
    return new ChannelDeclaration(name, freq, ssrc, rate == 0 ? null : rate, enc, 2, stations);
  }

  private static String leaf(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  /** Field readers that collect errors instead of throwing. */
  private record V(String where, List<String> errors) {
    String str(JsonNode n, String key, boolean required) {
      JsonNode x = n.path(leaf(key));
      if (x.isMissingNode() || x.isNull()) {
        if (required) {
          errors.add(where + ": " + key + ": missing");
        }
        return null;
      }
      if (!x.isTextual() && !x.isNumber()) {
        errors.add(where + ": " + key + ": must be a string, got " + x);
        return null;
      }
      String s = x.asText().trim();
      if (s.isEmpty() && required) {
        errors.add(where + ": " + key + ": must not be empty");
        return null;
      }
      return s.isEmpty() ? null : s;
    }

    long integer(JsonNode n, String key, long dflt, long min, long max) {
      JsonNode x = n.path(leaf(key));
      if (x.isMissingNode()) {
        return dflt;
      }
      if (!x.isIntegralNumber() || x.asLong() < min || x.asLong() > max) {
        errors.add(where + ": " + key + ": " + x + " must be an integer in " + min + ".." + max);
        return dflt;
      }
      return x.asLong();
    }

    double number(JsonNode n, String key, double dflt) {
      JsonNode x = n.path(leaf(key));
      if (x.isMissingNode()) {
        return dflt;
      }
      if (!x.isNumber()) {
        errors.add(where + ": " + key + ": " + x + " must be a number");
        return dflt;
      }
      return x.asDouble();
    }
  }
}

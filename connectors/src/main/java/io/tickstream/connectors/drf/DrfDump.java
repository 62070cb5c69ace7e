package io.tickstream.connectors.drf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Describes a Digital RF top-level directory in the JSON layout of the fixtures' ground truth
 * (shared/fixtures/drf/README.md "Ground-truth JSON", format {@code drf_ref-dump-1}): per channel the
 * rate, type, properties, bounds, continuous blocks with sample counts, fill counts and the SHA-256
 * of the canonical bytes (index order; per sample all subchannels; per subchannel r then i; each
 * component little-endian), the files with their attributes; per metadata channel the properties,
 * files and records.
 */
public final class DrfDump {
  public static final String FORMAT = "drf_ref-dump-1";
  public static final String CANONICAL_BYTES = "samples in index order; per sample: subchannels in order; "
      + "per subchannel: real then imaginary; each component little-endian";
  private static final int READ_STEP = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private DrfDump() {}

  /** The whole dump of a top-level directory. */
  public static ObjectNode dump(Path topDir, String producerVersion) {
    Path top = topDir.toAbsolutePath().normalize();
    ObjectNode root = JSON.createObjectNode();
    root.put("canonical_bytes", CANONICAL_BYTES);
    ObjectNode channels = root.putObject("channels");
    for (String name : DigitalRfReader.channels(top)) {
      try (DrfChannelReader r = DigitalRfReader.channel(top, name)) {
        channels.set(name, channel(r));
      }
    }
    root.put("format", FORMAT);
    ObjectNode md = root.putObject("metadata_channels");
    for (String rel : DigitalRfReader.metadataChannels(top)) {
      md.set(rel, metadata(DigitalMetadataReader.open(top.resolve(rel))));
    }
    root.putObject("producer").put("tickstream", producerVersion);
    return root;
  }

  /** One channel's dump object. */
  public static ObjectNode channel(DrfChannelReader r) {
    DrfProperties p = r.properties();
    long num = p.sampleRateNumerator();
    long den = p.sampleRateDenominator();
    ObjectNode c = JSON.createObjectNode();
    byte[] fill = r.fillCellLe();
    MessageDigest all = DrfSamples.sha256();
    ArrayNode blocks = c.putArray("blocks");
    ArrayNode counts = c.putArray("block_sample_counts");
    long total = 0;
    long totalFill = 0;
    for (DrfBlock b : r.continuousBlocks()) {
      MessageDigest one = DrfSamples.sha256();
      long blockFill = 0;
      for (long s = b.start(); s < b.end(); s += READ_STEP) {
        DrfSamples x = r.read(s, (int) Math.min(READ_STEP, b.end() - s));
        one.update(x.bytes());
        all.update(x.bytes());
        blockFill += x.countFill(fill);
      }
      ObjectNode bn = blocks.addObject();
      bn.put("count", b.count());
      bn.put("fill_samples", blockFill);
      bn.put("sha256", HexFormat.of().formatHex(one.digest()));
      bn.put("start", b.start());
      bn.put("start_utc", DrfTime.utc(b.start(), num, den));
      counts.add(b.count());
      total += b.count();
      totalFill += blockFill;
    }
    ArrayNode bounds = c.putArray("bounds");
    ArrayNode boundsUtc = c.putArray("bounds_utc");
    r.bounds().ifPresent(bd -> {
      bounds.add(bd[0]).add(bd[1]);
      boundsUtc.add(DrfTime.utc(bd[0], num, den)).add(DrfTime.utc(bd[1], num, den));
    });
    c.put("byte_order", p.dtype().byteOrderName());
    c.put("dtype", p.dtype().name());
    ArrayNode files = c.putArray("files");
    for (DrfChannelReader.RfFile f : r.files()) {
      DrfChannelReader.FileInfo info = r.info(f);
      ObjectNode fn = files.addObject();
      fn.put("computer_time", info.computerTime());
      fn.put("file_start_sample", f.firstSample());
      fn.put("init_utc_timestamp", info.initUtcTimestamp());
      fn.put("path", f.relativePath());
      fn.put("sequence_num", info.sequenceNum());
      fn.put("uuid_str", info.uuid());
    }
    c.put("fill_samples", totalFill);
    c.put("is_complex", p.complex());
    c.put("is_continuous", p.continuous());
    c.put("num_samples", total);
    c.put("num_subchannels", p.numSubchannels());
    c.put("numpy_dtype", numpyDtype(p));
    ObjectNode props = c.putObject("properties");
    for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
      props.set(e.getKey(), JSON.valueToTree(e.getValue()));
    }
    props.put("samples_per_second", p.samplesPerSecond());
    c.put("sample_rate_denominator", den);
    c.put("sample_rate_numerator", num);
    c.put("samples_per_second", p.samplesPerSecond());
    c.put("sha256", HexFormat.of().formatHex(all.digest()));
    return c;
  }

  /** numpy type string the reference reader returns (informative). */
  static String numpyDtype(DrfProperties p) {
    DrfDtype d = p.dtype();
    if (p.complex() && d.isFloat()) {
      return "complex" + d.sizeBytes() * 16;
    }
    if (!p.complex()) {
      return d.name();
    }
    String code = (d.sizeBytes() == 1 ? "|" : "<") + (d.signed() ? "i" : "u") + d.sizeBytes();
    return "[('r', '" + code + "'), ('i', '" + code + "')]";
  }

  /** One metadata channel's dump object. */
  public static ObjectNode metadata(DigitalMetadataReader m) {
    DigitalMetadataReader.DmdProperties p = m.properties();
    ObjectNode o = JSON.createObjectNode();
    ArrayNode bounds = o.putArray("bounds");
    m.bounds().ifPresent(b -> bounds.add(b[0]).add(b[1]));
    ArrayNode fields = o.putArray("fields");
    p.fields().forEach(fields::add);
    o.put("file_cadence_secs", p.fileCadenceSecs());
    o.put("file_name_prefix", p.fileNamePrefix());
    ArrayNode files = o.putArray("files");
    try (Stream<Path> s = Files.walk(m.directory())) {
      s.filter(Files::isRegularFile).map(f -> m.directory().relativize(f).toString()).sorted().forEach(files::add);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ArrayNode records = o.putArray("records");
    for (DigitalMetadataReader.Record r : m.records()) {
      ObjectNode rn = records.addObject();
      rn.put("sample", r.sample());
      rn.set("values", JSON.valueToTree(r.values()));
    }
    o.put("sample_rate_denominator", p.sampleRateDenominator());
    o.put("sample_rate_numerator", p.sampleRateNumerator());
    o.put("subdir_cadence_secs", p.subdirCadenceSecs());
    return o;
  }

  /** Pretty JSON text. */
  public static String toJson(JsonNode n) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lines of a human-readable summary of a dump (for {@code drf dump} without {@code --json}). */
  public static List<String> summary(JsonNode dump) {
    List<String> out = new java.util.ArrayList<>();
    dump.path("channels").fields().forEachRemaining(e -> {
      JsonNode c = e.getValue();
      out.add("channel " + e.getKey() + ": " + (c.path("is_complex").asBoolean() ? "complex " : "real ")
          + c.path("dtype").asText() + " (" + c.path("byte_order").asText() + "-endian), "
          + c.path("num_subchannels").asInt() + " subchannel(s), rate " + c.path("sample_rate_numerator").asLong()
          + "/" + c.path("sample_rate_denominator").asLong() + " Hz, "
          + (c.path("is_continuous").asBoolean() ? "continuous" : "gapped") + ", " + c.path("files").size() + " files");
      out.add("  bounds " + c.path("bounds").path(0).asLong() + " .. " + c.path("bounds").path(1).asLong() + "  ("
          + c.path("bounds_utc").path(0).asText() + " .. " + c.path("bounds_utc").path(1).asText() + ")");
      out.add("  " + c.path("num_samples").asLong() + " samples in " + c.path("blocks").size() + " blocks, "
          + c.path("fill_samples").asLong() + " fill cells, sha256 " + c.path("sha256").asText());
      for (JsonNode b : c.path("blocks")) {
        out.add("    block " + b.path("start").asLong() + " (" + b.path("start_utc").asText() + ") count "
            + b.path("count").asLong() + (b.path("fill_samples").asLong() > 0 ? " fill " + b.path("fill_samples").asLong() : ""));
      }
    });
    dump.path("metadata_channels").fields().forEachRemaining(e -> {
      JsonNode m = e.getValue();
      out.add("metadata " + e.getKey() + ": " + m.path("records").size() + " records, fields " + m.path("fields"));
    });
    return out;
  }
}

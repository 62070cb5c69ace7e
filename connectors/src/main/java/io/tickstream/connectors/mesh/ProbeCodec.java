package io.tickstream.connectors.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstream.core.mesh.MeshProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Wire format of a probe on the Kafka topic {@code ntp-probes}: one JSON object per record,
 * {@code {"client_id","server","t_utc_ns","samples","offset_mean_ms","offset_std_ms","rtt_mean_ms","raw"}}
 * (std/rtt/raw may be null), record key = client id. Decoding failures name the field.
 */
public final class ProbeCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A probe and the raw JSON it came from. */
  public record Envelope(MeshProbe probe, String raw) implements java.io.Serializable {}

  private ProbeCodec() {}

  public static byte[] encode(MeshProbe p, String raw) {
    ObjectNode o = JSON.createObjectNode();
    o.put("client_id", p.clientId());
    o.put("server", p.server());
    o.put("t_utc_ns", p.tUtcNs());
    o.put("samples", p.samples());
    o.put("offset_mean_ms", p.offsetMeanMs());
    o.put("offset_std_ms", p.offsetStdMs());
    o.put("rtt_mean_ms", p.rttMeanMs());
    o.put("raw", raw);
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Envelope decode(byte[] bytes) throws IOException {
    JsonNode o = JSON.readTree(bytes);
    if (o == null || !o.isObject()) {
      throw new IOException("ntp-probes record is not a JSON object: " + new String(bytes, StandardCharsets.UTF_8));
    }
    return new Envelope(new MeshProbe(req(o, "client_id").asText(), req(o, "server").asText(),
        req(o, "t_utc_ns").asLong(), req(o, "samples").asInt(), req(o, "offset_mean_ms").asDouble(),
        opt(o, "offset_std_ms"), opt(o, "rtt_mean_ms")),
        o.hasNonNull("raw") ? o.get("raw").asText() : null);
  }

  private static JsonNode req(JsonNode o, String f) throws IOException {
    JsonNode v = o.get(f);
    if (v == null || v.isNull()) {
      throw new IOException("ntp-probes record lacks field " + f);
    }
    return v;
  }

  private static Double opt(JsonNode o, String f) {
    JsonNode v = o.get(f);
    return v == null || v.isNull() ? null : v.asDouble();
  }
}

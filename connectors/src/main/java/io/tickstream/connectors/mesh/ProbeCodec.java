package io.tickstream.connectors.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstream.connectors.kafka.AvroSingleObjectSchema;
import io.tickstream.core.mesh.MeshProbe;
import io.tickstream.schemas.avro.NtpProbe;
import java.io.IOException;

/**
 * Wire format of a probe on the Kafka topic {@code ntp-probes}: the Avro contract
 * {@link NtpProbe} in single-object encoding ({@link AvroSingleObjectSchema}), record key = client
 * id. Decoding gives the probe and a raw JSON rendering of the record (stored as
 * {@code ntp_probe.raw}: the result's fields plus method, receive time and agent version).
 */
public final class ProbeCodec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AvroSingleObjectSchema<NtpProbe> SCHEMA = AvroSingleObjectSchema.of(NtpProbe.class);

  /** A probe and the raw JSON it came from (may be null). */
  public record Envelope(MeshProbe probe, String raw) implements java.io.Serializable {}

  private ProbeCodec() {}

  public static byte[] encode(MeshProbe p, String method, long receivedNs, String agentVersion) {
    NtpProbe rec = NtpProbe.newBuilder()
        .setClientId(p.clientId()).setMethod(method).setAsOfUtcNs(p.tUtcNs()).setServer(p.server())
        .setSamples(p.samples()).setOffsetMeanMs(p.offsetMeanMs()).setOffsetStdMs(p.offsetStdMs())
        .setRttMeanMs(p.rttMeanMs()).setReceivedNs(receivedNs).setAgentVersion(agentVersion).build();
    return SCHEMA.serialize(rec);
  }

  public static Envelope decode(byte[] bytes) throws IOException {
    NtpProbe r = SCHEMA.deserialize(bytes);
    MeshProbe p = new MeshProbe(r.getClientId().toString(), r.getServer().toString(), r.getAsOfUtcNs(),
        r.getSamples(), r.getOffsetMeanMs(), r.getOffsetStdMs(), r.getRttMeanMs());
    ObjectNode raw = JSON.createObjectNode();
    raw.put("server", p.server());
    raw.put("samples", p.samples());
    raw.put("offset_mean_ms", p.offsetMeanMs());
    raw.put("offset_std_ms", p.offsetStdMs());
    raw.put("rtt_mean_ms", p.rttMeanMs());
    raw.put("method", r.getMethod().toString());
    raw.put("received_ns", r.getReceivedNs());
    if (r.getAgentVersion() != null) {
      raw.put("agent_version", r.getAgentVersion().toString());
    }
    return new Envelope(p, raw.toString());
  }
}

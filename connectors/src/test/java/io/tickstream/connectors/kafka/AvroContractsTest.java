package io.tickstream.connectors.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import io.tickstream.schemas.avro.ClockOffsetMeasurement;
import io.tickstream.schemas.avro.Forecast;
import io.tickstream.schemas.avro.MeshConsensus;
import io.tickstream.schemas.avro.NtpProbe;
import io.tickstream.schemas.avro.PhaseGapPoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/** Every Avro contract survives single-object encoding; old writers stay readable; bad bytes fail clearly. */
class AvroContractsTest {
  static final long T0 = 1_754_847_000_123_456_789L;

  static NtpProbe probe() {
    return NtpProbe.newBuilder().setClientId("node-la-01").setMethod("sntp_v3").setAsOfUtcNs(T0)
        .setServer("time.nist.gov").setSamples(5).setOffsetMeanMs(-1.24).setOffsetStdMs(0.31).setRttMeanMs(22.7)
        .setReceivedNs(T0 + 5_000_000).setAgentVersion("agent-1.2").build();
  }

  static ClockOffsetMeasurement clockOffset() {
    return ClockOffsetMeasurement.newBuilder().setReceiver("rx-em38ww").setChannel("WWV_10MHz").setVersion("v0.1.0")
        .setMinuteUtcNs(1_733_222_400_000_000_000L).setSystemTimeNs(1_733_222_400_000_000_000L)
        .setUtcTimeNs(1_733_222_399_984_770_000L).setMinuteBoundaryUtcNs(1_733_222_400_000_000_000L)
        .setClockOffsetMs(15.23).setStation("WWV").setFrequencyMhz(10.0).setPropagationDelayMs(7.1)
        .setPropagationMode("1F").setNHops(1).setConfidence(0.92).setUncertaintyMs(0.8).setQualityGrade("A")
        .setSnrDb(21.5).setDelaySpreadMs(0.4).setDopplerStdHz(0.05).setFssDb(-0.7).setWwvPowerDb(-40.0)
        .setWwvhPowerDb(-55.0).setDiscriminationConfidence(0.97).setUtcVerified(true).setMultiStationVerified(false)
        .setRtpTimestamp(1L << 33).setProcessedAtNs(T0).setIngestRunId(42L).build();
  }

  @Test
  void everyRecordRoundTrips() throws Exception {
    List<SpecificRecordBase> records = List.of(
        probe(),
        NtpProbe.newBuilder(probe()).setOffsetStdMs(null).setRttMeanMs(null).setAgentVersion(null).build(),
        clockOffset(),
        ClockOffsetMeasurement.newBuilder().setReceiver("r").setChannel("c").setVersion("v").setMinuteUtcNs(0)
            .setSystemTimeNs(1).setQualityGrade("X").setProcessedAtNs(2).build(),
        MeshConsensus.newBuilder().setTUtcNs(T0).setMethod("huber").setConsensusOffsetMs(-0.5).setConsensusStdMs(0.2)
            .setNNodes(3).setNServers(5).setFlags(0).build(),
        PhaseGapPoint.newBuilder().setAsOfUtcNs(T0).setPhaseGapRad(0.18).setSlopeRadPerDay(-0.0021)
            .setMethodVersion("pgm-0.2.1").setProvenanceJson("{\"streams\":[\"BIPM:PTB\"]}").build(),
        Forecast.newBuilder().setAsOfUtcNs(T0).setCurrentValue(0.1).setTrendRate(-1e-6).setForecastValue(0.09)
            .setHorizonSec(86400).setModelMetaJson("{\"units\":\"rad_per_sec\"}").build(),
        IqBlockAvro.toAvro(IqBlock.ofInt16("WWV_10MHz", 7, Rational.of(20000), T0, true, new short[] {1, -2}, 0)));
    for (SpecificRecordBase r : records) {
      assertEquals(r, roundTrip(r), r.getSchema().getName());
    }
  }

  @SuppressWarnings("unchecked")
  static <T extends SpecificRecordBase> T roundTrip(T r) throws IOException {
    AvroSingleObjectSchema<T> serde = AvroSingleObjectSchema.of((Class<T>) r.getClass());
    byte[] bytes = serde.serialize(r);
    assertEquals((byte) 0xC3, bytes[0], "single-object marker");
    assertEquals((byte) 0x01, bytes[1], "single-object marker");
    return serde.deserialize(bytes);
  }

  @Test
  void iqBlocksConvertBitExactlyBothWays() throws Exception {
    short[] iq = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 12345};
    IqBlock a = IqBlock.ofInt16("WWV_10MHz", 34_251_984_000_000L, Rational.of(20000), T0, true, iq, 2000);
    IqBlock a2 = IqBlockAvro.fromAvro(roundTrip(IqBlockAvro.toAvro(a)));
    assertArrayEquals(iq, a2.int16());
    assertEquals(a.firstSampleIndex(), a2.firstSampleIndex());
    assertEquals(a.sampleRateHz(), a2.sampleRateHz());
    assertEquals(a.tSystemNs(), a2.tSystemNs());
    assertEquals(2000, a2.gapSamplesBefore());
    assertTrue(a2.complex());

    float[] re = {Float.NaN, -0.0f, 1.5e-30f, Float.MAX_VALUE, 3.25f};
    IqBlock b = IqBlock.ofFloat32("CHU_7850kHz", 9, Rational.of(200, 3), T0, false, re, 0);
    IqBlock b2 = IqBlockAvro.fromAvro(roundTrip(IqBlockAvro.toAvro(b)));
    assertEquals(Rational.of(200, 3), b2.sampleRateHz());
    assertEquals(5, b2.numSamples());
    for (int k = 0; k < re.length; k++) {
      assertEquals(Float.floatToRawIntBits(re[k]), Float.floatToRawIntBits(b2.float32()[k]), "sample " + k);
    }
  }

  @Test
  void iqBlockWithTornSampleBytesIsRejectedNamingChannelAndIndex() {
    io.tickstream.schemas.avro.IqBlock bad = IqBlockAvro.toAvro(
        IqBlock.ofInt16("WWV_5MHz", 77, Rational.of(20000), T0, true, new short[] {1, 2}, 0));
    bad.setSamples(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IqBlockAvro.fromAvro(bad));
    assertTrue(e.getMessage().contains("WWV_5MHz") && e.getMessage().contains("77")
        && e.getMessage().contains("3 sample bytes"), e.getMessage());
  }

  @Test
  void aProbeWrittenWithSchemaVersion1IsStillReadable() throws Exception {
    AvroSingleObjectSchema<NtpProbe> serde = AvroSingleObjectSchema.of(NtpProbe.class);
    assertEquals(1, serde.history().size(), "avro-history/NtpProbe/1.avsc registered");
    Schema v1 = serde.history().get(0);
    assertNull(v1.getField("agent_version"));
    assertNotEquals(AvroSingleObjectSchema.fingerprint(v1), AvroSingleObjectSchema.fingerprint(serde.schema()));

    GenericRecord old = new GenericData.Record(v1);
    old.put("client_id", "node-la-01");
    old.put("method", "sntp_v3");
    old.put("as_of_utc_ns", T0);
    old.put("server", "time.nist.gov");
    old.put("samples", 5);
    old.put("offset_mean_ms", -1.1);
    old.put("offset_std_ms", 0.2);
    old.put("rtt_mean_ms", null);
    old.put("received_ns", T0 + 1);
    ByteBuffer buf = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = Arrays.copyOfRange(buf.array(), buf.arrayOffset() + buf.position(), buf.arrayOffset() + buf.limit());

    NtpProbe p = serde.deserialize(bytes);
    assertEquals("node-la-01", p.getClientId());
    assertEquals(-1.1, p.getOffsetMeanMs());
    assertEquals(0.2, p.getOffsetStdMs());
    assertNull(p.getRttMeanMs());
    assertEquals(T0 + 1, p.getReceivedNs());
    assertNull(p.getAgentVersion(), "field added in v2 takes its default");
  }

  @Test
  void foreignOrCorruptBytesFailWithAClearMessage() throws Exception {
    AvroSingleObjectSchema<NtpProbe> serde = AvroSingleObjectSchema.of(NtpProbe.class);
    byte[] consensus = AvroSingleObjectSchema.of(MeshConsensus.class).serialize(MeshConsensus.newBuilder()
        .setTUtcNs(1).setMethod("huber").setConsensusOffsetMs(0).setNNodes(1).setNServers(1).build());
    IOException wrongType = assertThrows(IOException.class, () -> serde.deserialize(consensus));
    assertTrue(wrongType.getMessage().contains("unknown schema fingerprint") && wrongType.getMessage().contains("NtpProbe"),
        wrongType.getMessage());
    IOException notAvro = assertThrows(IOException.class,
        () -> serde.deserialize("{\"server\":\"x\"}".getBytes()));
    assertTrue(notAvro.getMessage().contains("not Avro single-object encoded"), notAvro.getMessage());
    byte[] truncated = Arrays.copyOf(serde.serialize(probe()), 14);
    IOException torn = assertThrows(IOException.class, () -> serde.deserialize(truncated));
    assertTrue(torn.getMessage().contains("corrupt NtpProbe message of 14 bytes"), torn.getMessage());
  }

  @Test
  void serdeIsJavaSerializableForFlink() throws Exception {
    AvroSingleObjectSchema<NtpProbe> serde = AvroSingleObjectSchema.of(NtpProbe.class);
    byte[] encoded = serde.serialize(probe());
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ObjectOutputStream oos = new ObjectOutputStream(bos)) {
      oos.writeObject(serde);
    }
    try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(bos.toByteArray()))) {
      @SuppressWarnings("unchecked")
      AvroSingleObjectSchema<NtpProbe> copy = (AvroSingleObjectSchema<NtpProbe>) ois.readObject();
      assertEquals(probe(), copy.deserialize(encoded));
      assertEquals(NtpProbe.class, copy.getProducedType().getTypeClass());
    }
  }
}

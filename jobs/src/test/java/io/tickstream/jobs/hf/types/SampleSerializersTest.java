package io.tickstream.jobs.hf.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import io.tickstream.core.signal.UtcDecimator;
import io.tickstream.jobs.hf.AssembledMinute;
import io.tickstream.jobs.hf.MinuteBuffer;
import io.tickstream.jobs.hf.Phase3Input;
import java.util.Random;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Bulk serializers: exact round trips (bit patterns incl. NaN gaps) across chunk boundaries, and deep copies. */
class SampleSerializersTest {

  private static <T> T roundTrip(TypeSerializer<T> s, T v) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(v, out);
    s.serialize(v, out); // two records back to back: each read consumes exactly its own bytes
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    s.deserialize(in);
    T second = s.deserialize(in);
    assertEquals(0, in.available());
    return second;
  }

  @Test
  void float32BlockRoundTripsBitExactAcrossChunks() throws Exception {
    Random r = new Random(1);
    float[] iq = new float[2 * 40_001]; // > one 64 KiB chunk, not a multiple of it
    for (int k = 0; k < iq.length; k++) {
      iq[k] = (float) r.nextGaussian();
    }
    iq[7] = Float.NaN;
    iq[iq.length - 1] = -0.0f;
    IqBlock b = IqBlock.ofFloat32("WWV_10_MHz", 123_456_789L, Rational.of(20000), 987_654_321L, true, iq, 17);
    IqBlock back = roundTrip(IqBlockSerializer.INSTANCE, b);
    assertEquals(b.channel(), back.channel());
    assertEquals(b.firstSampleIndex(), back.firstSampleIndex());
    assertEquals(b.sampleRateHz(), back.sampleRateHz());
    assertEquals(b.tSystemNs(), back.tSystemNs());
    assertEquals(b.gapSamplesBefore(), back.gapSamplesBefore());
    assertEquals(b.type(), back.type());
    for (int k = 0; k < iq.length; k++) {
      assertEquals(Float.floatToRawIntBits(iq[k]), Float.floatToRawIntBits(back.float32()[k]), "sample " + k);
    }
  }

  @Test
  void int16BlockAndRationalRateRoundTrip() throws Exception {
    short[] v = new short[70_001];
    for (int k = 0; k < v.length; k++) {
      v[k] = (short) (k * 31 - 32768);
    }
    IqBlock b = IqBlock.ofInt16("CHU_7850", -5L, Rational.of(48000, 7), 1L, false, v, 0);
    IqBlock back = roundTrip(IqBlockSerializer.INSTANCE, b);
    assertArrayEquals(v, back.int16());
    assertEquals(Rational.of(48000, 7), back.sampleRateHz());
    assertEquals(false, back.complex());
  }

  @Test
  void assembledMinuteRoundTripsAndCopiesDeeply() throws Exception {
    float[] iq = new float[2 * 33_000];
    java.util.Arrays.fill(iq, 1000, 3000, Float.NaN);
    for (int k = 3000; k < iq.length; k++) {
      iq[k] = k * 0.25f;
    }
    AssembledMinute m = new AssembledMinute("WWV_5_MHz", 5e6, 500, 1_749_996_000_000_000_000L, 874_997_975_000L, iq, 0.97);
    AssembledMinute back = roundTrip(AssembledMinuteSerializer.INSTANCE, m);
    assertEquals(m.channel(), back.channel());
    assertEquals(m.frequencyHz(), back.frequencyHz());
    assertEquals(m.sampleRateHz(), back.sampleRateHz());
    assertEquals(m.minuteStartSystemNs(), back.minuteStartSystemNs());
    assertEquals(m.firstIndex(), back.firstIndex());
    assertEquals(m.completeness(), back.completeness());
    assertArrayEquals(iq, back.iq());
    // immutable by contract: chained consumers share the minute instead of copying ~10 MB each
    assertTrue(AssembledMinuteSerializer.INSTANCE.isImmutableType());
    assertSame(m, AssembledMinuteSerializer.INSTANCE.copy(m));
  }

  @Test
  void openMinuteBufferRoundTripsBitExactAndCopiesDeeply() throws Exception {
    MinuteBuffer b = new MinuteBuffer();
    b.minuteStartSystemNs = 1_749_996_000_000_000_000L;
    b.minuteFirstIndex = 34_999_920_000_000L;
    b.firstIndex = b.minuteFirstIndex - 50_000;
    b.minuteEndIndex = b.minuteFirstIndex + 1_200_000;
    b.iq = new float[2 * 1_300_000];
    java.util.Arrays.fill(b.iq, Float.NaN);
    Random r = new Random(3);
    for (int k = 100_000; k < 2_000_001; k++) {
      b.iq[k] = (float) r.nextGaussian();
    }
    b.iq[2_000_002] = -0.0f;
    b.iq[500_000] = Float.NaN; // a gap inside the written span
    b.iq[500_001] = Float.intBitsToFloat(0x7fc00123); // a NaN payload from the source
    b.iq[2_000_003] = Float.intBitsToFloat(0xffc00000); // negative NaN next to the untouched end
    b.presentInMinute = 950_001;
    MinuteBuffer back = roundTrip(MinuteBufferSerializer.INSTANCE, b);
    assertEquals(b.minuteStartSystemNs, back.minuteStartSystemNs);
    assertEquals(b.firstIndex, back.firstIndex);
    assertEquals(b.minuteFirstIndex, back.minuteFirstIndex);
    assertEquals(b.minuteEndIndex, back.minuteEndIndex);
    assertEquals(b.presentInMinute, back.presentInMinute);
    for (int k = 0; k < b.iq.length; k++) {
      assertEquals(Float.floatToRawIntBits(b.iq[k]), Float.floatToRawIntBits(back.iq[k]), "sample " + k);
    }
    // the untouched (NaN) ends of the window are not written: the span written above is 0.73 of it
    DataOutputSerializer out = new DataOutputSerializer(64);
    MinuteBufferSerializer.INSTANCE.serialize(b, out);
    assertTrue(out.length() < 0.75 * 4 * b.iq.length, "serialized bytes: " + out.length());
    MinuteBuffer empty = new MinuteBuffer();
    empty.iq = new float[2 * 1_300_000];
    java.util.Arrays.fill(empty.iq, Float.NaN);
    MinuteBuffer emptyBack = roundTrip(MinuteBufferSerializer.INSTANCE, empty);
    assertEquals(empty.iq.length, emptyBack.iq.length);
    assertTrue(java.util.Arrays.equals(empty.iq, emptyBack.iq));
    MinuteBuffer none = new MinuteBuffer();
    assertEquals(null, roundTrip(MinuteBufferSerializer.INSTANCE, none).iq);
    // mutable keyed state: a copy (copy-on-write snapshots) must not share the array
    MinuteBuffer copy = MinuteBufferSerializer.INSTANCE.copy(b);
    assertNotSame(b.iq, copy.iq);
    assertArrayEquals(b.iq, copy.iq);
    assertEquals(b.presentInMinute, copy.presentInMinute);
  }

  @Test
  void phase3InputRoundTripsBitExact() throws Exception {
    double[] a = new double[2 * 26_001];
    Random r = new Random(5);
    for (int k = 0; k < a.length; k++) {
      a[k] = r.nextGaussian() * 1e3;
    }
    a[0] = Double.NaN;
    a[a.length - 1] = -0.0;
    Phase3Input p = new Phase3Input("WWV_10_MHz", 10e6, 20000, 1_749_996_000_000_000_000L, 34_999_919_950_000L,
        1_300_000, 0.99, new UtcDecimator.StageA(87_499_799_876L, a));
    Phase3Input back = roundTrip(Phase3InputSerializer.INSTANCE, p);
    assertEquals(p.channel(), back.channel());
    assertEquals(p.frequencyHz(), back.frequencyHz());
    assertEquals(p.sampleRateHz(), back.sampleRateHz());
    assertEquals(p.minuteStartSystemNs(), back.minuteStartSystemNs());
    assertEquals(p.firstIndex(), back.firstIndex());
    assertEquals(p.numSamples(), back.numSamples());
    assertEquals(p.completeness(), back.completeness());
    assertEquals(p.stageA().firstJ(), back.stageA().firstJ());
    for (int k = 0; k < a.length; k++) {
      assertEquals(Double.doubleToRawLongBits(a[k]), Double.doubleToRawLongBits(back.stageA().iq()[k]), "value " + k);
    }
  }
}

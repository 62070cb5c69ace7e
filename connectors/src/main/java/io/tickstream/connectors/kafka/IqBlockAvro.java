package io.tickstream.connectors.kafka;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.signal.SampleType;
import io.tickstream.core.time.Rational;
import io.tickstream.schemas.avro.SampleEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts between the core {@link IqBlock} and its Avro contract
 * {@link io.tickstream.schemas.avro.IqBlock}: samples travel as little-endian bytes in their original
 * encoding (int16 or float32, interleaved I/Q when complex), bit-exact in both directions.
 */
public final class IqBlockAvro {
  private IqBlockAvro() {}

  /** Core block → Avro record. */
  public static io.tickstream.schemas.avro.IqBlock toAvro(IqBlock b) {
    ByteBuffer buf;
    SampleEncoding enc;
    if (b.type() == SampleType.INT16) {
      buf = ByteBuffer.allocate(b.int16().length * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      buf.asShortBuffer().put(b.int16());
      enc = SampleEncoding.INT16_LE;
    } else {
      buf = ByteBuffer.allocate(b.float32().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(b.float32());
      enc = SampleEncoding.FLOAT32_LE;
    }
    return io.tickstream.schemas.avro.IqBlock.newBuilder()
        .setChannel(b.channel())
        .setFirstSampleIndex(b.firstSampleIndex())
        .setSampleRateNumerator(b.sampleRateHz().numerator())
        .setSampleRateDenominator(b.sampleRateHz().denominator())
        .setTSystemNs(b.tSystemNs())
        .setEncoding(enc)
        .setComplex(b.complex())
        .setSamples(buf.rewind())
        .setGapSamplesBefore(b.gapSamplesBefore())
        .build();
  }

  /**
   * Avro record → core block.
   *
   * @throws IllegalArgumentException naming the channel and first sample index when the sample bytes
   *     do not hold a whole number of (complex) samples or the rate is not positive
   */
  public static IqBlock fromAvro(io.tickstream.schemas.avro.IqBlock a) {
    ByteBuffer bytes = a.getSamples().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    String where = "IQ block of channel " + a.getChannel() + " at sample index " + a.getFirstSampleIndex();
    Rational rate;
    try {
      rate = Rational.of(a.getSampleRateNumerator(), a.getSampleRateDenominator());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    int width = a.getEncoding() == SampleEncoding.INT16_LE ? Short.BYTES : Float.BYTES;
    int perSample = width * (a.getComplex() ? 2 : 1);
    if (bytes.remaining() % perSample != 0) {
      throw new IllegalArgumentException(where + ": " + bytes.remaining() + " sample bytes are not a multiple of "
          + perSample + " (" + a.getEncoding() + (a.getComplex() ? ", complex" : ", real") + ")");
    }
    if (a.getEncoding() == SampleEncoding.INT16_LE) {
      short[] s = new short[bytes.remaining() / Short.BYTES];
      bytes.asShortBuffer().get(s);
      return IqBlock.ofInt16(a.getChannel(), a.getFirstSampleIndex(), rate, a.getTSystemNs(), a.getComplex(), s,
          a.getGapSamplesBefore());
    }
    float[] f = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(f);
    return IqBlock.ofFloat32(a.getChannel(), a.getFirstSampleIndex(), rate, a.getTSystemNs(), a.getComplex(), f,
        a.getGapSamplesBefore());
  }
}

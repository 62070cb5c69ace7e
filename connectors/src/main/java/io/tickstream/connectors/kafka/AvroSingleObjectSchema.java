package io.tickstream.connectors.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;

/**
 * Kafka value (de)serializer for tickstream's Avro records using Avro <b>single-object encoding</b>
 * (2-byte marker {@code C3 01}, 8-byte CRC-64-AVRO fingerprint of the writer schema, binary body), so
 * no schema registry is needed. For Flink: {@code KafkaRecordSerializationSchema.builder()
 * .setValueSerializationSchema(schema)} and {@code KafkaSource.builder().setValueOnlyDeserializer(schema)}.
 *
 * <p>Readers resolve older writer schemas by fingerprint: every earlier version of a record is kept
 * in the schemas module as {@code avro-history/<Record>/<n>.avsc} (n = 1, 2, ...) and registered here,
 * so messages written by older producers stay readable (docs/CONTRACTS.md, evolution rule).
 */
public final class AvroSingleObjectSchema<T extends SpecificRecordBase>
    implements SerializationSchema<T>, DeserializationSchema<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private transient BinaryMessageEncoder<T> encoder;
  private transient BinaryMessageDecoder<T> decoder;
  private transient List<Schema> history;

  private AvroSingleObjectSchema(Class<T> type) {
    this.type = type;
  }

  /** A (de)serializer for one generated record class, e.g. {@code NtpProbe.class}. */
  public static <T extends SpecificRecordBase> AvroSingleObjectSchema<T> of(Class<T> type) {
    return new AvroSingleObjectSchema<>(type);
  }

  /** The current (writer) schema of the record. */
  public Schema schema() {
    return SpecificData.getForClass(type).getSchema(type);
  }

  /** Earlier schema versions known to this reader (from {@code avro-history/}), oldest first. */
  public List<Schema> history() {
    init();
    return history;
  }

  private void init() {
    if (encoder != null) {
      return;
    }
    SpecificData model = SpecificData.getForClass(type);
    Schema current = schema();
    BinaryMessageDecoder<T> dec = new BinaryMessageDecoder<>(model, current);
    List<Schema> old = new ArrayList<>();
    for (int n = 1; ; n++) {
      String res = "/avro-history/" + current.getName() + "/" + n + ".avsc";
      try (InputStream in = AvroSingleObjectSchema.class.getResourceAsStream(res)) {
        if (in == null) {
          break;
        }
        Schema s = new Schema.Parser().parse(in);
        old.add(s);
        dec.addSchema(s);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read Avro schema history " + res + ": " + e.getMessage(), e);
      }
    }
    history = List.copyOf(old);
    decoder = dec;
    encoder = new BinaryMessageEncoder<>(model, current);
  }

  @Override
  public byte[] serialize(T element) {
    init();
    try {
      ByteBuffer buf = encoder.encode(element);
      byte[] out = new byte[buf.remaining()];
      buf.get(out);
      return out;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes one message.
   *
   * @throws IOException naming the record type, the message length and its header when the bytes are
   *     not a single-object-encoded message of a known version of this record
   */
  @Override
  public T deserialize(byte[] message) throws IOException {
    init();
    if (message == null) {
      return null;
    }
    try {
      return decoder.decode(message);
    } catch (MissingSchemaException e) {
      throw new IOException("message of " + message.length + " bytes has unknown schema fingerprint "
          + header(message) + " for " + type.getSimpleName() + " (known: current "
          + fingerprint(schema()) + ", " + history.size() + " older); was it written by a newer producer"
          + " or for another record type?", e);
    } catch (BadHeaderException e) {
      throw new IOException("message of " + message.length + " bytes is not Avro single-object encoded ("
          + type.getSimpleName() + " expected; header " + header(message) + ")", e);
    } catch (IOException | RuntimeException e) {
      throw new IOException("corrupt " + type.getSimpleName() + " message of " + message.length + " bytes (header "
          + header(message) + "): " + e.getMessage(), e);
    }
  }

  private static String header(byte[] message) {
    return HexFormat.of().formatHex(message, 0, Math.min(10, message.length));
  }

  /** CRC-64-AVRO fingerprint of a schema as 16 hex digits (big-endian), for messages and logs. */
  public static String fingerprint(Schema s) {
    return String.format("%016x", SchemaNormalization.parsingFingerprint64(s));
  }

  @Override
  public boolean isEndOfStream(T nextElement) {
    return false;
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return new AvroTypeInfo<>(type);
  }
}

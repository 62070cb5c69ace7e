package io.tickstream.connectors.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Serializer of one fixed version for splits ({@link #of}) or lists of splits, e.g. an enumerator
 * checkpoint ({@link #listOf}): the bytes are exactly the {@link SplitCodec}'s fields, with no header
 * (Flink stores the version beside them). Deserializing any other version fails with an
 * {@link IOException} {@code "unknown <what> serializer version <v>"}.
 *
 * @param <V> the serialized value: a split or a list of splits
 */
public class VersionedSplitSerializer<V> implements SimpleVersionedSerializer<V> {
  private final String what;
  private final int version;
  private final SplitCodec<V> codec;

  /** {@code what} names the value in errors; {@code version} is the one {@code codec} writes. */
  protected VersionedSplitSerializer(String what, int version, SplitCodec<V> codec) {
    this.what = what;
    this.version = version;
    this.codec = codec;
  }

  /** Splits of {@code typeName} (errors say {@code "unknown <typeName> serializer version <v>"}). */
  public static <S> VersionedSplitSerializer<S> of(String typeName, int version, SplitCodec<S> codec) {
    return new VersionedSplitSerializer<>(typeName, version, codec);
  }

  /** Lists of splits ({@link SplitCodec#listOf}; errors say {@code "unknown <typeName> list serializer version <v>"}). */
  public static <S> VersionedSplitSerializer<List<S>> listOf(String typeName, int version, SplitCodec<S> codec) {
    return new VersionedSplitSerializer<>(typeName + " list", version, SplitCodec.listOf(codec));
  }

  @Override
  public int getVersion() {
    return version;
  }

  @Override
  public byte[] serialize(V value) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream o = new DataOutputStream(b)) {
      codec.write(o, value);
    }
    return b.toByteArray();
  }

  @Override
  public V deserialize(int version, byte[] bytes) throws IOException {
    if (version != this.version) {
      throw new IOException("unknown " + what + " serializer version " + version);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return codec.read(in);
    }
  }
}

package io.tickstream.connectors.config;

/**
 * One effective setting: its key, value (may be null = unset) and where it came from.
 *
 * @param key dotted key, e.g. {@code db.url} or {@code mesh.accept.offset_ms.max}
 * @param value the value as text, or null when unset
 * @param source which layer supplied it
 */
public record Setting(String key, String value, ConfigSource source) {

  /** The value for logs: secrets (passwords, tokens, keys) masked. */
  public String displayValue() {
    return TickstreamConfig.mask(key, value);
  }

  @Override
  public String toString() {
    return key + " = " + (value == null ? "(unset)" : displayValue()) + "  [" + source.name().toLowerCase() + "]";
  }
}

package io.tickstream.connectors.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON text for JSONB/TEXT columns: instants as ISO-8601 strings, maps/records/lists as objects/arrays. */
public final class Json {
  /** Shared, thread-safe mapper (do not reconfigure). */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Json() {}

  /**
   * JSON text for a value; a {@link String} is taken as JSON text already and validated. Returns
   * null for null.
   */
  public static String toJson(Object value, String what) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof String s) {
        MAPPER.readTree(s);
        return s;
      }
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}

package io.tickstream.api.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstream.core.mesh.MeshPayload;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a {@code POST /api/mesh_ingest} body (seeds/000 §4) field by field. The first problem
 * found is reported as a {@link FieldError} naming the JSON path ({@code results[2].rtt_mean_ms}) and
 * what is wrong. Values that are merely outside the acceptance thresholds are valid here (they are
 * stored and rejected by the acceptance rule); values no NTP measurement can produce are not.
 */
public final class PayloadValidator {

  /** A field-level validation failure (answered 400). */
  public static final class FieldError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public FieldError(String field, String message) {
      super(field + ": " + message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  public static final int MAX_RESULTS = 256;
  public static final int MAX_SAMPLES = 10_000;
  /** |offset| above ~2.8 h is not an NTP measurement of a running clock. */
  public static final double MAX_ABS_OFFSET_MS = 1e7;
  public static final double MAX_STD_MS = 1e7;
  /** A round trip above 10 minutes is not an NTP exchange. */
  public static final double MAX_RTT_MS = 6e5;
  /** Earliest accepted measurement time. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
  private static final Pattern METHOD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9\\[][A-Za-z0-9._:\\[\\]%-]{0,254}");

  private final Duration maxFuture;

  /** @param maxFuture how far {@code as_of_utc} may lie ahead of the server's clock */
  public PayloadValidator(Duration maxFuture) {
    this.maxFuture = maxFuture;
  }

  /** The payload, or a {@link FieldError}. {@code now} is the server's time. */
  public MeshPayload validate(JsonNode body, Instant now) {
    if (body == null || !body.isObject()) {
      throw new FieldError("$", "request body must be a JSON object");
    }
    String asOf = text(body, "as_of_utc", "as_of_utc");
    Instant t;
    try {
      t = OffsetDateTime.parse(asOf, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new FieldError("as_of_utc", "'" + clip(asOf) + "' is not an ISO-8601 UTC time like 2025-08-10T17:30:00Z");
    }
    if (t.isAfter(now.plus(maxFuture))) {
      throw new FieldError("as_of_utc", t + " is more than " + maxFuture.toSeconds() + " s in the future (server time "
          + now + ")");
    }
    if (t.isBefore(EARLIEST)) {
      throw new FieldError("as_of_utc", t + " is before " + EARLIEST);
    }
    String clientId = text(body, "client_id", "client_id");
    if (!CLIENT_ID.matcher(clientId).matches()) {
      throw new FieldError("client_id", "must be 1–128 characters of letters, digits and . _ : @ -");
    }
    String method = text(body, "method", "method");
    if (!METHOD.matcher(method).matches()) {
      throw new FieldError("method", "must be 1–64 characters of letters, digits and . _ -");
    }
    JsonNode results = body.get("results");
    if (results == null || results.isNull()) {
      throw new FieldError("results", "missing");
    }
    if (!results.isArray()) {
      throw new FieldError("results", "must be an array");
    }
    if (results.isEmpty()) {
      throw new FieldError("results", "must contain at least one result");
    }
    if (results.size() > MAX_RESULTS) {
      throw new FieldError("results", "has " + results.size() + " entries, at most " + MAX_RESULTS + " allowed");
    }
    List<MeshPayload.Result> out = new ArrayList<>(results.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < results.size(); i++) {
      String at = "results[" + i + "]";
      JsonNode r = results.get(i);
      if (!r.isObject()) {
        throw new FieldError(at, "must be an object");
      }
      String server = text(r, "server", at + ".server");
      if (!SERVER.matcher(server).matches()) {
        throw new FieldError(at + ".server", "'" + clip(server) + "' is not a host name or address");
      }
      Integer dup = seen.put(server.toLowerCase(java.util.Locale.ROOT), i);
      if (dup != null) {
        throw new FieldError(at + ".server", "duplicates results[" + dup + "].server '" + clip(server) + "'");
      }
      JsonNode s = r.get("samples");
      if (s == null || s.isNull()) {
        throw new FieldError(at + ".samples", "missing");
      }
      if (!s.isIntegralNumber() || !s.canConvertToInt() || s.asInt() < 1 || s.asInt() > MAX_SAMPLES) {
        throw new FieldError(at + ".samples", "must be an integer from 1 to " + MAX_SAMPLES);
      }
      double off = number(r, "offset_mean_ms", at, true, -MAX_ABS_OFFSET_MS, MAX_ABS_OFFSET_MS);
      Double std = optionalNumber(r, "offset_std_ms", at, 0, MAX_STD_MS);
      Double rtt = optionalNumber(r, "rtt_mean_ms", at, 0, MAX_RTT_MS);
      out.add(new MeshPayload.Result(server, s.asInt(), off, std, rtt));
    }
    return new MeshPayload(t.toString(), clientId, method, out);
  }

  private static String text(JsonNode n, String name, String path) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new FieldError(path, "missing");
    }
    if (!v.isTextual()) {
      throw new FieldError(path, "must be a string");
    }
    return v.textValue();
  }

  private static double number(JsonNode n, String name, String at, boolean required, double lo, double hi) {
    String path = at + "." + name;
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new FieldError(path, "missing");
    }
    if (!v.isNumber()) {
      throw new FieldError(path, "must be a number");
    }
    double d = v.asDouble();
    if (!Double.isFinite(d)) {
      throw new FieldError(path, "must be a finite number");
    }
    if (d < lo || d > hi) {
      throw new FieldError(path, d + " is outside the plausible range [" + lo + ", " + hi + "]");
    }
    return d;
  }

  private static Double optionalNumber(JsonNode n, String name, String at, double lo, double hi) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    return number(n, name, at, false, lo, hi);
  }

  private static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}

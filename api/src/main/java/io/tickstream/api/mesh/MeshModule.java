package io.tickstream.api.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tickstream.api.ApiContext;
import io.tickstream.api.ApiModule;
import io.tickstream.connectors.config.TickstreamConfig;
import io.tickstream.connectors.db.Json;
import io.tickstream.connectors.mesh.KafkaProbeRouter;
import io.tickstream.connectors.mesh.MeshRepository;
import io.tickstream.connectors.mesh.ProbeRouter;
import io.tickstream.connectors.mesh.ThresholdCache;
import io.tickstream.core.mesh.AcceptanceThresholds;
import io.tickstream.core.mesh.MeshPayload;
import io.tickstream.core.mesh.MeshProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/mesh_ingest} (seeds/000 §4, issue 8) and {@code GET /api/mesh_status}.
 *
 * <p>Ingest: bearer token per node (issued by {@code tickstream mesh add-node}, stored hashed) →
 * 401 if missing/invalid (and 429 after too many failures from one address); per-node rate limit →
 * 429; body size limit → 413; field-by-field validation → 400 {@code {"error","field"}}; a valid
 * token used for another {@code client_id} → 403. Valid probes go to the {@link ProbeRouter}
 * (the embedded mesh job in this JVM, or Kafka {@code ntp-probes} when {@code KAFKA_BOOTSTRAP} is
 * set); the answer lists every result as accepted or rejected with the reason (computed here with
 * the same thresholds; the job stores the rows and the consensus). A full embedded queue → 503 with
 * {@code Retry-After}, counted.
 *
 * <p>Settings ({@code app_config} / env / flags): {@code mesh.ingest.max_body_bytes} (65536),
 * {@code mesh.ingest.rate_per_min} (60 per node, burst 20), {@code mesh.ingest.auth_failures_per_min}
 * (30 per address), {@code mesh.ingest.max_future_s} (300), {@code mesh.thresholds.refresh_s} (30); embedded job
 * settings in {@code io.tickstream.jobs.mesh.EmbeddedMeshJob}.
 */
public final class MeshModule implements ApiModule {
  private static final Logger LOG = LoggerFactory.getLogger(MeshModule.class);

  private MeshRepository repo;
  private ThresholdCache thresholds;
  private ProbeRouter router;
  private String unavailable;
  private PayloadValidator validator;
  private RateLimiter perNode;
  private RateLimiter authFailures;
  private long maxBodyBytes;
  private MeshStatus status;
  private final java.util.concurrent.atomic.AtomicLong refusedBusy = new java.util.concurrent.atomic.AtomicLong();

  @Override
  public String name() {
    return "mesh";
  }

  @Override
  public void register(RoutesConfig routes, ApiContext ctx) {
    TickstreamConfig cfg = ctx.config();
    repo = new MeshRepository(ctx.db());
    thresholds = new ThresholdCache(repo::thresholds, cfg.getLong("mesh.thresholds.refresh_s", 30) * 1000);
    Optional<String> kafka = cfg.kafkaBootstrap();
    if (kafka.isPresent()) {
      router = new KafkaProbeRouter(kafka.get(), cfg.getString("mesh.kafka.topic", KafkaProbeRouter.TOPIC));
    } else {
      try {
        router = ProbeRouter.embedded(cfg);
      } catch (IllegalStateException e) { // e.g. the api module alone, without tickstream-jobs
        unavailable = e.getMessage();
        LOG.error("mesh ingest unavailable (POST /api/mesh_ingest answers 503): {}", unavailable);
      }
    }
    validator = new PayloadValidator(Duration.ofSeconds(cfg.getLong("mesh.ingest.max_future_s", 300)));
    double rate = cfg.getDouble("mesh.ingest.rate_per_min", 60);
    perNode = new RateLimiter(rate, Math.max(20, rate / 3));
    authFailures = new RateLimiter(cfg.getDouble("mesh.ingest.auth_failures_per_min", 30), 30);
    maxBodyBytes = cfg.getLong("mesh.ingest.max_body_bytes", 65_536);
    status = new MeshStatus(repo);
    LOG.info("mesh ingest -> {}; max body {} B, {} requests/min per node", router == null ? "nowhere" : router.destination(),
        maxBodyBytes, rate);
    routes.post("/api/mesh_ingest", c -> {
      try {
        ingest(c);
      } catch (ProbeRouter.Busy e) {
        long n = refusedBusy.incrementAndGet();
        LOG.warn("mesh ingest refused under back-pressure ({} payloads so far): {}", n, e.getMessage());
        c.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        fail(c, 503, e.getMessage(), null);
      } catch (io.tickstream.connectors.db.DbException e) {
        LOG.error("mesh ingest: database error", e);
        c.header("Retry-After", "30");
        fail(c, 503, "database unavailable, retry later: " + e.getMessage(), null);
      }
    });
    routes.get("/api/mesh_status", c -> c.json(status.status(c.queryParam("method"), c.queryParam("lookback_hours"))));
  }

  private void ingest(Context c) throws Exception {
    String ip = c.ip();
    String token = bearer(c.header("Authorization"));
    if (token == null) {
      unauthorized(c, ip, "missing bearer token: send 'Authorization: Bearer <token>' (tickstream mesh add-node)");
      return;
    }
    Optional<String> node = repo.authenticate(token);
    if (node.isEmpty()) {
      unauthorized(c, ip, "invalid or revoked token");
      return;
    }
    String clientId = node.get();
    if (!perNode.tryAcquire(clientId)) {
      c.header("Retry-After", String.valueOf(perNode.retryAfterSeconds()));
      fail(c, 429, "rate limit exceeded for node " + clientId, null);
      return;
    }
    long declared = c.contentLength();
    if (declared > maxBodyBytes) {
      fail(c, 413, "body of " + declared + " bytes exceeds the limit of " + maxBodyBytes, null);
      return;
    }
    byte[] bytes = c.bodyAsBytes();
    if (bytes.length > maxBodyBytes) {
      fail(c, 413, "body of " + bytes.length + " bytes exceeds the limit of " + maxBodyBytes, null);
      return;
    }
    JsonNode body;
    try {
      body = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
    } catch (java.io.IOException e) {
      fail(c, 400, "invalid JSON body: " + firstLine(e.getMessage()), "$");
      return;
    }
    MeshPayload payload;
    try {
      payload = validator.validate(body, Instant.now());
    } catch (PayloadValidator.FieldError e) {
      fail(c, 400, e.getMessage(), e.field());
      return;
    }
    if (!payload.clientId().equals(clientId)) {
      fail(c, 403, "token belongs to node '" + clientId + "', not to client_id '" + payload.clientId() + "'",
          "client_id");
      return;
    }
    List<MeshProbe> probes = payload.toProbes();
    JsonNode agent = body.get("agent_version");
    String agentVersion = agent != null && agent.isTextual() && agent.textValue().length() <= 64 ? agent.textValue() : null;
    AcceptanceThresholds th = thresholds.get();
    List<Map<String, Object>> verdicts = new ArrayList<>();
    int accepted = 0;
    for (MeshProbe p : probes) {
      AcceptanceThresholds.Decision d = th.evaluate(p);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("server", p.server());
      v.put("accepted", d.accepted());
      v.put("reject_reason", d.rejectReason());
      verdicts.add(v);
      accepted += d.accepted() ? 1 : 0;
    }
    if (router == null) {
      fail(c, 503, "mesh ingest unavailable: " + unavailable, null);
      return;
    }
    router.deliver(probes, payload.method(), agentVersion);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("client_id", clientId);
    out.put("as_of_utc", payload.asOfUtc());
    out.put("destination", router.destination());
    out.put("accepted", accepted);
    out.put("rejected", probes.size() - accepted);
    out.put("results", verdicts);
    c.json(out);
  }

  /** Payloads refused with 503 because the embedded job's queue was full. */
  public long refusedUnderBackPressure() {
    return refusedBusy.get();
  }

  /** Stops the router: the embedded job drains what was accepted and ends; a Kafka producer flushes. */
  @Override
  public void close() {
    if (router != null) {
      router.close();
    }
  }

  private void unauthorized(Context c, String ip, String why) {
    if (!authFailures.tryAcquire(ip)) {
      c.header("Retry-After", "60");
      fail(c, 429, "too many failed authentication attempts from " + ip, null);
      return;
    }
    c.header("WWW-Authenticate", "Bearer realm=\"tickstream-mesh\"");
    fail(c, 401, why, null);
  }

  static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String t = h.substring(7).trim();
    return t.isEmpty() ? null : t;
  }

  private static void fail(Context c, int status, String message, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("status", status);
    body.put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    c.status(status).json(body);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}

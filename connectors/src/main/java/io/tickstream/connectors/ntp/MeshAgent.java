package io.tickstream.connectors.ntp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.tickstream.core.mesh.MeshPayload;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mesh node: measures a list of NTP servers ({@link NtpClient}, several samples each with
 * minimum-delay filtering) and posts one seeds/000 payload per round to {@code /api/mesh_ingest}
 * with its bearer token. A server that does not answer, or answers unsynchronised (leap 3 or
 * stratum ≥ 16), is left out of the round and logged.
 */
public final class MeshAgent {
  private static final Logger LOG = LoggerFactory.getLogger(MeshAgent.class);
  /** Method name reported in payloads. */
  public static final String METHOD = "sntp_v4_mindelay";
  public static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final List<String> servers;
  private final URI ingest;
  private final String token;
  private final String clientId;
  private final int samples;
  private final Duration spacing;
  private final NtpClient client;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public MeshAgent(List<String> servers, URI ingest, String token, String clientId, int samples, Duration spacing,
      Duration ntpTimeout) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no NTP servers given");
    }
    this.servers = List.copyOf(servers);
    this.ingest = ingest;
    this.token = token;
    this.clientId = clientId;
    this.samples = samples;
    this.spacing = spacing;
    this.client = new NtpClient(ntpTimeout);
  }

  /** Outcome of one round: the payload posted (null if no server answered) and the HTTP reply. */
  public record Round(MeshPayload payload, int httpStatus, String responseBody, List<String> failedServers) {}

  /** Measures every server once and builds the payload (null if none answered). */
  public MeshPayload measureRound(List<String> failed) {
    List<MeshPayload.Result> results = new ArrayList<>();
    Instant asOf = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (String server : servers) {
      try {
        NtpMeasurement m = client.measure(server, samples, spacing);
        NtpSample best = m.best();
        if (best.leap() == 3 || best.stratum() >= 16) {
          failed.add(server);
          LOG.warn("{} is unsynchronised (leap {}, stratum {}): left out of this round", server, best.leap(),
              best.stratum());
          continue;
        }
        results.add(new MeshPayload.Result(server, m.kept().size(), m.offsetMeanMs(), m.offsetStdMs(), m.rttMeanMs()));
        LOG.info("{}: offset {} ms ± {} ms, rtt {} ms ({} of {} samples kept, {} failed)", server,
            fmt(m.offsetMeanMs()), fmt(m.offsetStdMs()), fmt(m.rttMeanMs()), m.kept().size(), m.samples().size(),
            m.failures());
      } catch (IOException | RuntimeException e) {
        failed.add(server);
        LOG.warn("{}: {}", server, e.getMessage());
      }
    }
    return results.isEmpty() ? null : new MeshPayload(asOf.toString(), clientId, METHOD, results);
  }

  /** One round: measure, then post (if anything was measured). */
  public Round runOnce() throws IOException, InterruptedException {
    List<String> failed = new ArrayList<>();
    MeshPayload payload = measureRound(failed);
    if (payload == null) {
      LOG.warn("no server answered; nothing posted this round");
      return new Round(null, 0, null, failed);
    }
    String body = JSON.writeValueAsString(payload);
    HttpRequest req = HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() / 100 == 2) {
      LOG.info("posted {} results to {}: HTTP {} {}", payload.results().size(), ingest, resp.statusCode(), resp.body());
    } else {
      LOG.warn("ingest {} refused the payload: HTTP {} {}", ingest, resp.statusCode(), resp.body());
    }
    return new Round(payload, resp.statusCode(), resp.body(), failed);
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}

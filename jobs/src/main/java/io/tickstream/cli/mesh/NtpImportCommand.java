package io.tickstream.cli.mesh;

import io.tickstream.cli.ConfigOptions;
import io.tickstream.connectors.db.IngestRuns;
import io.tickstream.connectors.mesh.MeshIngestProcessor;
import io.tickstream.connectors.mesh.MeshRepository;
import io.tickstream.connectors.mesh.ThresholdCache;
import io.tickstream.connectors.ntp.NtpLogParser;
import io.tickstream.core.mesh.ConsensusGrid;
import io.tickstream.core.mesh.MeshProbe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tickstream ntp import FILE...}: chrony / ntpd logs into {@code ntp_probe} and the consensus. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import chrony measurements.log / statistics.log or ntpd peerstats as probes of one node:",
        "every row becomes an ntp_probe row (accepted or rejected by the mesh.accept.* thresholds) and the",
        "mesh consensus of the affected windows is recomputed. Re-importing the same file changes nothing.",
        "Malformed lines are reported with file and line number and skipped; the rest is imported."})
public final class NtpImportCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(NtpImportCommand.class);

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "log files")
  List<Path> files;

  @Option(names = "--node", required = true, description = "client id the probes are stored under (e.g. the host name)")
  String node;

  @Option(names = "--format", defaultValue = "auto",
      description = "auto, chrony-measurements, chrony-statistics or ntpd-peerstats (default ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--include-refclocks",
      description = "also import ntpd reference clocks (127.127.x.y), which are not network servers")
  boolean includeRefclocks;

  @Option(names = "--step-min", defaultValue = "10", description = "consensus step, minutes, dividing 30 (default ${DEFAULT-VALUE})")
  int stepMin;

  @Mixin ConfigOptions config;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int errors = 0;
    try (ConfigOptions.Opened o = config.open()) {
      MeshRepository repo = new MeshRepository(o.db());
      MeshIngestProcessor proc = new MeshIngestProcessor(repo, new ThresholdCache(repo::thresholds, Long.MAX_VALUE),
          ConsensusGrid.ofMinutes(stepMin));
      IngestRuns runs = new IngestRuns(o.db(), io.tickstream.cli.BuildInfo.gitCommit());
      for (Path f : files) {
        NtpLogParser.Format fmt = "auto".equalsIgnoreCase(format) ? NtpLogParser.detect(f) : NtpLogParser.Format.parse(format);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("file", f.toAbsolutePath().toString());
        params.put("format", fmt.name());
        params.put("node", node);
        params.put("include_refclocks", includeRefclocks);
        NtpLogParser.Result<MeshProbe> r = NtpLogParser.probes(f, fmt, node);
        for (String e : r.errors()) {
          LOG.warn("skipped {}", e);
        }
        errors += r.errors().size();
        List<MeshProbe> probes = new ArrayList<>();
        int refclocks = 0;
        for (MeshProbe p : r.rows()) {
          if (!includeRefclocks && p.server().startsWith("127.127.")) {
            refclocks++;
          } else {
            probes.add(p);
          }
        }
        MeshIngestProcessor.Outcome outcome = runs.run("ntp-import", params, Map.of("file", f.toString()), () -> {
          List<String> raw = new ArrayList<>(probes.size());
          for (MeshProbe p : probes) {
            raw.add(MeshIngestProcessor.rawJson(p, "import:" + fmt.name().toLowerCase(), null));
          }
          return proc.process(probes, raw);
        });
        out.printf("%s (%s): %d rows, %d imported (%d accepted, %d rejected), %d refclock rows skipped, "
            + "%d malformed lines skipped, %d consensus windows updated in %s%n", f, fmt, r.rows().size(), probes.size(),
            outcome.accepted(), probes.size() - outcome.accepted(), refclocks, r.errors().size(), outcome.windows().size(),
            o.db().url().masked());
      }
    }
    out.flush();
    return errors == 0 ? 0 : 3;
  }
}

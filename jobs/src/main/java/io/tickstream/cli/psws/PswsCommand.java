package io.tickstream.cli.psws;

import io.tickstream.cli.ConfigOptions;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.jobs.hf.psws.PswsPackager;
import io.tickstream.jobs.hf.psws.PswsUploader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tickstream psws}: PSWS (HamSCI Personal Space Weather Station) data products. */
@Command(name = "psws", mixinStandardHelpOptions = true,
    description = "PSWS (HamSCI Personal Space Weather Station) daily packages of the 10 Hz product and their upload.",
    subcommands = {PswsCommand.Package.class, PswsCommand.Upload.class})
public final class PswsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The UTC day of {@code --date}; a usage error unless it is YYYY-MM-DD. */
  static LocalDate day(CommandLine.Model.CommandSpec spec, String date) {
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--date must be YYYY-MM-DD, got '" + date + "'");
    }
  }

  /** {@code tickstream psws package}. */
  @Command(name = "package",
      description = {"Package one UTC day of DATA_DIR/processed/<version>/ for PSWS:",
          "<out>/<CALL>_<GRID>/<RX>@<STATION_ID>_<INSTRUMENT_ID>/OBS<date>T00-00/ch0 (10 Hz complex float32",
          "Digital RF, one subchannel per channel in frequency order, NaN where data is missing, metadata)",
          "plus gap_summary.json. An existing package is never overwritten."})
  static final class Package implements Callable<Integer> {
    /** --help only: --version names the product version here (as in {@code reprocess}). */
    @Mixin io.tickstream.cli.HelpOption help;

    @Mixin ConfigOptions config;

    @Option(names = "--version", required = true, paramLabel = "V", description = "Product version, e.g. v1.")
    String version;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "UTC day to package.")
    String date;

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "Station TOML ([station] callsign, grid_square, receiver_name, psws_station_id, "
            + "psws_instrument_id; [[channels]] name and frequency_hz).")
    Path stationFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default DATA_DIR/psws).")
    Path out;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      LocalDate day = day(spec, date);
      StationConfig station = StationConfig.load(stationFile);
      Path dataDir = config.bootstrapConfig().dataDir();
      Path dest = out != null ? out : dataDir.resolve("psws");
      PswsPackager.Result r = PswsPackager.packageDay(dataDir, version, day, station, dest);
      PrintWriter pw = spec.commandLine().getOut();
      pw.printf(Locale.ROOT, "wrote %s (%d channels, %.2f%% complete)%n", r.obsDirectory(), r.channels().size(),
          r.completenessPercent());
      for (PswsPackager.ChannelSummary s : r.channels()) {
        pw.printf(Locale.ROOT, "  ch0:%d %-14s %10.0f Hz  %6.2f%%  minutes complete %d partial %d missing %d%n",
            s.subchannel(), s.channel(), s.frequencyHz(), s.completenessPercent(), s.minutesComplete(),
            s.minutesPartial(), s.minutesMissing());
      }
      pw.flush();
      return 0;
    }
  }

  /** {@code tickstream psws upload}. */
  @Command(name = "upload",
      description = {"Upload one day's PSWS package (made by 'psws package') by sftp, as",
          "HamSCI's uploader does: the OBS<date>T00-00 tree (sorted mkdir, then put),",
          "then the trigger directory c<OBS...>_#<instrument>_#<yyyy-MM-ddTHH-mm>",
          "(UTC now). Login = psws_station_id with an OpenSSH private key (RSA or",
          "ECDSA); the server's host key must be in --known-hosts. On success the",
          "marker OBS<date>T00-00.uploaded is written beside the package and the day",
          "is not uploaded again; on failure nothing is marked or triggered."})
  static final class Upload implements Callable<Integer> {
    @Mixin io.tickstream.cli.HelpOption help;

    @Mixin ConfigOptions config;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "UTC day to upload.")
    String date;

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "Station TOML ([station] callsign, grid_square, receiver_name, psws_station_id, psws_instrument_id).")
    Path stationFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Package directory given to 'psws package' (default DATA_DIR/psws).")
    Path out;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "OpenSSH private key registered with PSWS.")
    Path key;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = PswsUploader.DEFAULT_HOST, description = "sftp server (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "22", description = "sftp port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--known-hosts", paramLabel = "FILE",
        description = "known_hosts file with the server's host key (default ~/.ssh/known_hosts).")
    Path knownHosts;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      LocalDate day = day(spec, date);
      if (!java.nio.file.Files.isRegularFile(key)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--key: no such file " + key);
      }
      Path kh = knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
      if (!java.nio.file.Files.isRegularFile(kh)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--known-hosts: no such file " + kh
            + " (add the server's key, e.g. ssh-keyscan -p " + port + " " + host + " >> " + kh + ")");
      }
      StationConfig station = StationConfig.load(stationFile);
      Path dest = out != null ? out : config.bootstrapConfig().dataDir().resolve("psws");
      Path obs = PswsPackager.obsDirectory(dest, station, day);
      PrintWriter pw = spec.commandLine().getOut();
      PswsUploader.Result r;
      try {
        r = PswsUploader.upload(obs, station.pswsInstrumentId(),
            new PswsUploader.Target(host, port, station.pswsStationId(), key, kh), java.time.Instant.now(), System.err);
      } catch (java.io.IOException | IllegalArgumentException e) {
        spec.commandLine().getErr().println(e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
      if (r.skipped()) {
        pw.printf(Locale.ROOT, "already uploaded (marker %s, trigger %s); nothing sent%n", r.marker(), r.triggerDirectory());
      } else {
        pw.printf(Locale.ROOT, "uploaded %s to %s@%s:%d: %d directories, %d files, %.1f MB; trigger %s; marker %s%n",
            obs, station.pswsStationId(), host, port, r.directories(), r.files(), r.bytes() / 1e6, r.triggerDirectory(),
            r.marker());
      }
      pw.flush();
      return 0;
    }
  }
}

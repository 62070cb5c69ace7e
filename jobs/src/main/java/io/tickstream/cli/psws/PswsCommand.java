package io.tickstream.cli.psws;

import io.tickstream.cli.ConfigOptions;
import io.tickstream.connectors.rtp.StationConfig;
import io.tickstream.jobs.hf.psws.PswsPackager;
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
    description = "PSWS (HamSCI Personal Space Weather Station) daily packages of the 10 Hz product.",
    subcommands = {PswsCommand.Package.class})
public final class PswsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
      LocalDate day;
      try {
        day = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--date must be YYYY-MM-DD, got '" + date + "'");
      }
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
}

package io.tickstream.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tickstream} command line. Each subcommand is a small class in this package (or a
 * sub-package) registered in {@link #subcommands()}.
 */
@Command(
    name = "tickstream",
    mixinStandardHelpOptions = true,
    versionProvider = TickstreamCli.Version.class,
    description = {
      "tickstream measures how wrong a clock is, from HF time signals (WWV/WWVH/CHU) and NTP probes,",
      "and keeps every number reproducible. Runs Flink job graphs embedded or on a cluster."
    },
    subcommands = {
        CommandLine.HelpCommand.class,
        VersionCommand.class,
        DbCommand.class,
        ServeCommand.class,
        io.tickstream.cli.drf.DrfCommand.class,
        BenchCommand.class,
        io.tickstream.cli.hf.AnalyzeCommand.class,
        io.tickstream.cli.mesh.NtpCommand.class,
        io.tickstream.cli.mesh.AgentCommand.class,
        io.tickstream.cli.mesh.MeshCommand.class,
        io.tickstream.cli.gap.SeriesCommand.class,
        io.tickstream.cli.gap.GapCommand.class,
        io.tickstream.cli.rtp.RecordCommand.class,
        io.tickstream.cli.rtp.RtpCommand.class,
        SimulateCommand.class,
        io.tickstream.cli.hf.ReprocessCommand.class,
        io.tickstream.cli.hf.RunCommand.class,
        io.tickstream.cli.hf.DemoCommand.class,
        io.tickstream.cli.psws.PswsCommand.class,
    })
public final class TickstreamCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Builds the command line with every subcommand registered. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TickstreamCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(new Errors());
    reflow(cl.getCommandSpec());
    addSummaries(cl);
    return cl;
  }

  /**
   * Command lists show the first line of a subcommand's header, else of its description; long
   * descriptions wrap mid-sentence, so every subcommand without a header gets its first sentence (shown
   * in its parent's command list only, not again above its own usage). Descriptions written as several
   * source lines are joined into paragraphs, so picocli wraps them evenly at the usage width.
   */
  private static void addSummaries(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
      CommandLine.Model.UsageMessageSpec usage = spec.usageMessage();
      if (usage.header().length == 0 && usage.description().length > 1) {
        usage.header(firstSentence(String.join(" ", usage.description())));
        sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER, help -> "");
      }
      reflow(spec);
      addSummaries(sub);
    }
  }

  /** {@link #paragraphs} for a command's description and its options' descriptions. */
  private static void reflow(CommandLine.Model.CommandSpec spec) {
    spec.usageMessage().description(paragraphs(spec.usageMessage().description()));
    for (CommandLine.Model.OptionSpec o : List.copyOf(spec.options())) {
      String[] joined = paragraphs(o.description());
      if (joined.length != o.description().length) {
        spec.remove(o);
        spec.addOption(o.toBuilder().description(joined).build());
      }
    }
  }

  /**
   * Joins description lines into paragraphs: a line continues the previous one unless it is empty, or
   * starts a list item or indented block ({@code -}, {@code *}, {@code •}, whitespace; a line indented
   * deeper than its item's first line continues the item), or the previous line ends with {@code %n}.
   */
  static String[] paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    int indent = 0; // leading blanks of the current paragraph's first line
    for (String line : lines) {
      int lead = line.length() - line.stripLeading().length();
      boolean hangingContinuation = indent > 0 && lead > indent;
      boolean newParagraph = out.isEmpty() || line.isEmpty() || line.matches("^(\\s|[-*•%]).*")
          || out.get(out.size() - 1).isEmpty() || out.get(out.size() - 1).endsWith("%n");
      if (newParagraph && !hangingContinuation) {
        indent = lead;
        out.add(line);
      } else {
        out.set(out.size() - 1, out.get(out.size() - 1) + " " + line.strip());
      }
    }
    return out.toArray(String[]::new);
  }

  static String firstSentence(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    int end = -1;
    for (String stop : new String[] {". ", "; "}) {
      int i = t.indexOf(stop);
      if (i > 0 && (end < 0 || i < end)) {
        end = i;
      }
    }
    String sentence = end > 0 ? t.substring(0, end) : t;
    if (sentence.length() <= 110) {
      return sentence;
    }
    int cut = sentence.lastIndexOf(' ', 106);
    return sentence.substring(0, cut > 40 ? cut : 106) + " ...";
  }

  public static void main(String[] args) {
    int rc = commandLine().execute(args);
    System.exit(rc);
  }

  /**
   * Failures end with one clear line on stderr ({@code error: ...} with the cause chain) and exit code 1;
   * the stack trace goes to the log at debug level.
   */
  static final class Errors implements CommandLine.IExecutionExceptionHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TickstreamCli.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
      StringBuilder sb = new StringBuilder("error: ");
      String last = null;
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (last == null || !last.contains(m)) {
          sb.append(last == null ? "" : ": ").append(m);
        }
        last = m;
      }
      cl.getErr().println(sb);
      LOG.debug("{} failed", cl.getCommandName(), e);
      return 1;
    }
  }

  /** picocli version provider: version and git commit. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tickstream " + BuildInfo.version() + " (git " + BuildInfo.gitCommit() + ")"};
    }
  }
}

package io.tickstream.cli.drf;

import io.tickstream.connectors.drf.DrfVerifier;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tickstream drf verify DIR}. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a Digital RF top-level directory: properties files, per-file attributes against the channel,",
      "rf_data_index order, and every stored sample (Fletcher32 checksums and deflate streams are verified",
      "by the HDF5 library); Digital Metadata records. Prints every problem with file and sample index.",
      "Exit code 0 when clean, 1 when problems were found."
    })
public final class DrfVerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Top-level directory (the parent of the channel directories).")
  Path dir;

  @Override
  public Integer call() {
    DrfVerifier.Report r = DrfVerifier.verify(dir, System.err::println);
    r.problems().forEach(p -> System.out.println("PROBLEM " + p));
    System.out.println((r.ok() ? "OK" : "FAILED") + ": " + r.channels() + " channel(s), " + r.files() + " file(s), "
        + r.samples() + " samples, " + r.metadataRecords() + " metadata records checked in " + dir.toAbsolutePath()
        + "; " + r.problems().size() + " problem(s)");
    return r.ok() ? 0 : 1;
  }
}

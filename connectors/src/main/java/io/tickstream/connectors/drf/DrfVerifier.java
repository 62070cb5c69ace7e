package io.tickstream.connectors.drf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks a Digital RF top-level directory ({@code tickstream drf verify}): every channel has a
 * readable {@code drf_properties.h5}; every data file opens, its attributes match the channel's, its
 * {@code rf_data_index} is ordered and inside the file period, and every stored sample reads back
 * (HDF5 verifies Fletcher32 checksums and inflates every chunk); every Digital Metadata channel
 * reads. Each problem names the file and, where it applies, the first affected sample index; the
 * check continues with the next file, so one bad file does not hide others.
 */
public final class DrfVerifier {
  private static final int READ_STEP = 1 << 20;

  /** One problem found. */
  public record Problem(String file, long sampleIndex, String message) {
    @Override
    public String toString() {
      return file + (sampleIndex >= 0 ? " (sample " + sampleIndex + ")" : "") + ": " + message;
    }
  }

  /** Totals of a verification. */
  public record Report(int channels, int files, long samples, int metadataRecords, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private DrfVerifier() {}

  public static Report verify(Path topDir, Consumer<String> progress) {
    Hdf5.ensureLoaded();
    Path top = topDir.toAbsolutePath().normalize();
    List<Problem> problems = new ArrayList<>();
    int channels = 0;
    int files = 0;
    long samples = 0;
    int records = 0;
    for (Path sub : DigitalRfReader.subdirs(top)) {
      boolean hasProps = Files.isRegularFile(sub.resolve(DrfChannelReader.PROPERTIES_FILE));
      boolean hasData = !DrfChannelReader.listDataFiles(sub).isEmpty();
      if (!hasProps && !hasData) {
        continue;
      }
      channels++;
      if (!hasProps) {
        problems.add(new Problem(sub.resolve(DrfChannelReader.PROPERTIES_FILE).toString(), -1,
            "missing " + DrfChannelReader.PROPERTIES_FILE + " (the reference reader will not see this channel)"));
      } else {
        try {
          DrfChannelReader.readPropertiesFile(sub.resolve(DrfChannelReader.PROPERTIES_FILE));
        } catch (DrfFormatException e) {
          problems.add(problem(e));
        }
      }
      DrfChannelReader r;
      try {
        r = DrfChannelReader.open(sub, true);
      } catch (DrfFormatException e) {
        problems.add(problem(e));
        continue;
      }
      try (r) {
        for (DrfChannelReader.RfFile f : r.files()) {
          files++;
          try {
            DrfChannelReader.FileInfo info = r.info(f);
            for (int row = 0; row < info.rowStarts().length; row++) {
              long len = info.rowLength(row);
              for (long s = info.rowStarts()[row]; s < info.rowStarts()[row] + len; s += READ_STEP) {
                int n = (int) Math.min(READ_STEP, info.rowStarts()[row] + len - s);
                r.read(s, n);
                samples += n;
              }
            }
          } catch (DrfFormatException e) {
            problems.add(problem(e));
          } catch (IllegalArgumentException e) {
            problems.add(new Problem(f.path().toString(), f.firstSample(), e.getMessage()));
          }
        }
        progress.accept("channel " + r.name() + ": " + r.files().size() + " files checked");
      }
    }
    for (String rel : DigitalRfReader.metadataChannels(top)) {
      try {
        int n = DigitalMetadataReader.open(top.resolve(rel)).records().size();
        records += n;
        progress.accept("metadata " + rel + ": " + n + " records read");
      } catch (DrfFormatException e) {
        problems.add(problem(e));
      }
    }
    return new Report(channels, files, samples, records, List.copyOf(problems));
  }

  private static Problem problem(DrfFormatException e) {
    String prefix = e.file() + (e.sampleIndex() >= 0 ? " (sample " + e.sampleIndex() + ")" : "") + ": ";
    String m = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    return new Problem(e.file(), e.sampleIndex(), m);
  }
}

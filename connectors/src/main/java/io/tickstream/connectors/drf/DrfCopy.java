package io.tickstream.connectors.drf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rewrites a Digital RF top-level directory through {@link DigitalRfWriter} and
 * {@link DigitalMetadataWriter} ({@code tickstream drf copy}): re-compress, re-checksum, re-cadence,
 * switch between continuous and gapped layouts, cut a sample range. Unset options keep the source's
 * values (cadences and layout from the properties, deflate level and Fletcher32 from the first
 * file's filters); the writer UUID is kept.
 *
 * <p>Fill values: samples of a <em>contiguous</em> source file that hold the fill value are padding,
 * not data, and are not copied (a continuous target pads them again; a gapped target leaves a gap).
 * In chunked source files every stored sample is data and is copied as is. Metadata records in the
 * range are copied, plus the record in force at the range start (forward fill).
 */
public final class DrfCopy {
  private static final int MAX_WRITE = 1 << 20;

  /** Overrides; {@code null} keeps the source's value. Range is {@code [fromIndex, toIndex)} in samples. */
  public record Options(Integer compression, Boolean checksum, Long fileCadenceMillisecs, Long subdirCadenceSecs,
      Boolean continuous, Long fromIndex, Long toIndex) {
    public static Options same() {
      return new Options(null, null, null, null, null, null, null);
    }
  }

  /** What was copied for one channel. */
  public record ChannelResult(String channel, long samples, int files, int metadataRecords) {}

  private DrfCopy() {}

  /** Copies every channel (and its metadata) of {@code srcTop} into {@code dstTop}. */
  public static List<ChannelResult> copy(Path srcTop, Path dstTop, Options o, Consumer<String> progress) {
    List<ChannelResult> out = new ArrayList<>();
    for (String ch : DigitalRfReader.channels(srcTop)) {
      out.add(copyChannel(srcTop, dstTop, ch, o, progress));
    }
    return out;
  }

  /** Copies one channel (and the metadata under its directory). */
  public static ChannelResult copyChannel(Path srcTop, Path dstTop, String ch, Options o, Consumer<String> progress) {
    long from = o.fromIndex() == null ? Long.MIN_VALUE : o.fromIndex();
    long to = o.toIndex() == null ? Long.MAX_VALUE : o.toIndex();
    long copied = 0;
    int files;
    try (DrfChannelReader r = DigitalRfReader.channel(srcTop, ch)) {
      DrfProperties p = r.properties();
      Optional<DrfChannelReader.FileInfo> first = r.files().isEmpty() ? Optional.empty()
          : Optional.of(r.info(r.files().get(0)));
      int srcLevel = first.map(i -> i.filters().stream().filter(f -> f.startsWith("deflate:"))
          .mapToInt(f -> Integer.parseInt(f.substring(8))).findFirst().orElse(0)).orElse(0);
      boolean srcChecksum = first.map(i -> i.filters().contains("fletcher32")).orElse(false);
      String uuid = first.map(DrfChannelReader.FileInfo::uuid).filter(u -> u.matches("[0-9a-fA-F]{32}")).orElse(null);
      DrfWriterOptions wo = new DrfWriterOptions(
          o.subdirCadenceSecs() != null ? o.subdirCadenceSecs() : p.subdirCadenceSecs(),
          o.fileCadenceMillisecs() != null ? o.fileCadenceMillisecs() : p.fileCadenceMillisecs(),
          o.compression() != null ? o.compression() : srcLevel,
          o.checksum() != null ? o.checksum() : srcChecksum,
          o.continuous() != null ? o.continuous() : p.continuous(),
          uuid, p.dtype().bigEndian());
      byte[] fill = r.fillCellLe();
      try (DigitalRfWriter w = DigitalRfWriter.create(dstTop, ch, wo, DrfFormat.of(p))) {
        for (DrfChannelReader.RfFile f : r.files()) {
          if (f.endSample() <= from || f.firstSample() >= to) {
            continue;
          }
          boolean padding = !r.info(f).chunked();
          for (DrfBlock b : r.continuousBlocks(Math.max(from, f.firstSample()), Math.min(to, f.endSample()))) {
            for (long s = b.start(); s < b.end(); s += MAX_WRITE) {
              DrfSamples x = r.read(s, (int) Math.min(MAX_WRITE, b.end() - s));
              copied += padding ? writeWithoutFill(w, x, fill) : write(w, x);
            }
          }
        }
        w.close();
        files = w.finishedFiles().size();
      }
      progress.accept("channel " + ch + ": " + copied + " samples in " + files + " files -> " + dstTop.resolve(ch));
    }
    int records = 0;
    Path srcCh = srcTop.resolve(ch);
    for (String rel : DigitalRfReader.metadataChannels(srcTop)) {
      if (!srcTop.resolve(rel).startsWith(srcCh)) {
        continue;
      }
      records += copyMetadata(srcTop.resolve(rel), dstTop.resolve(rel), from, to);
      progress.accept("metadata " + rel + ": " + records + " records -> " + dstTop.resolve(rel));
    }
    return new ChannelResult(ch, copied, files, records);
  }

  private static long write(DigitalRfWriter w, DrfSamples x) {
    w.write(x);
    return x.count();
  }

  /** Writes the runs of {@code x} whose samples are not entirely fill. */
  private static long writeWithoutFill(DigitalRfWriter w, DrfSamples x, byte[] fill) {
    long n = 0;
    for (DrfSamples part : x.splitOnFill(fill)) {
      w.write(part);
      n += part.count();
    }
    return n;
  }

  private static int copyMetadata(Path src, Path dst, long from, long to) {
    DigitalMetadataReader r = DigitalMetadataReader.open(src);
    DigitalMetadataReader.DmdProperties p = r.properties();
    DigitalMetadataWriter w = DigitalMetadataWriter.create(dst, p.subdirCadenceSecs(), p.fileCadenceSecs(),
        p.sampleRateNumerator(), p.sampleRateDenominator(), p.fileNamePrefix());
    int n = 0;
    if (from != Long.MIN_VALUE) {
      Optional<DigitalMetadataReader.Record> inForce = r.valuesAt(from);
      if (inForce.isPresent() && inForce.get().sample() < from) {
        w.write(inForce.get().sample(), inForce.get().values());
        n++;
      }
    }
    for (DigitalMetadataReader.Record rec : r.records(from, to)) {
      w.write(rec.sample(), rec.values());
      n++;
    }
    return n;
  }
}

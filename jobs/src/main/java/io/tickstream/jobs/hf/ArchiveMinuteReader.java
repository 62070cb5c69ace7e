package io.tickstream.jobs.hf;

import io.tickstream.connectors.drf.DrfBlock;
import io.tickstream.connectors.drf.DrfChannelReader;
import io.tickstream.connectors.drf.DrfIqBlocks;
import io.tickstream.connectors.drf.DrfSamples;
import io.tickstream.core.signal.IqBlock;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one system-time minute window of one archive channel into a {@link MinuteBuffer}, sample for
 * sample as the IQ blocks of {@code DigitalRfSource} would fill it through {@link MinuteAssembler}:
 * stored runs only (unstored samples stay NaN), fill-value padding of continuous-layout files is a
 * gap, samples converted by {@link DrfIqBlocks} (int16/float32 unchanged), and only archive indices
 * inside the channel's range {@code [from, to)}.
 */
final class ArchiveMinuteReader implements AutoCloseable {
  private static final long MINUTE_NS = 60_000_000_000L;
  /** Largest single read (samples); a 20 kHz minute window is read in two. */
  private static final int READ_STEP = 1 << 20;

  private final ArchiveMinuteSource.ChannelRange channel;
  private final HfJobConfig config;
  private final DrfChannelReader reader;
  private final int fs;
  private final long perMinute;
  private final int margin;
  /** Complex float32 (radiod's IQ): bytes go straight into the window. */
  private final boolean complexFloat32;

  private ArchiveMinuteReader(ArchiveMinuteSource.ChannelRange channel, HfJobConfig config, DrfChannelReader reader) {
    this.channel = channel;
    this.config = config;
    this.reader = reader;
    if (reader.sampleRate().denominator() != 1 || reader.sampleRate().numerator() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("channel " + channel.name() + " (" + channel.dir()
          + "): minute analysis needs an integer sample rate, got " + reader.sampleRate());
    }
    if (reader.properties().numSubchannels() != 1) {
      throw new IllegalArgumentException("channel " + channel.name() + " (" + channel.dir() + ") has "
          + reader.properties().numSubchannels() + " subchannels; the HF job needs one complex IQ subchannel per channel");
    }
    this.fs = (int) reader.sampleRate().numerator();
    var dtype = reader.properties().dtype();
    this.complexFloat32 = reader.properties().complex() && dtype.isFloat() && dtype.sizeBytes() == 4;
    this.perMinute = 60L * fs;
    this.margin = (int) Math.round(config.marginS() * fs);
  }

  static ArchiveMinuteReader open(ArchiveMinuteSource.ChannelRange channel, HfJobConfig config) {
    DrfChannelReader r = DrfChannelReader.open(Path.of(channel.dir()));
    try {
      return new ArchiveMinuteReader(channel, config, r);
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  long samplesPerMinute() {
    return perMinute;
  }

  /** Minute {@code m} ({@code floor(t/60 s)}) with its margins; null when no sample of the minute itself is stored. */
  AssembledMinute minute(long m) {
    MinuteBuffer buf = MinuteBuffer.open(m * MINUTE_NS, m * perMinute, perMinute, margin);
    long from = Math.max(buf.firstIndex, channel.from());
    long to = Math.min(buf.endIndex(), channel.to());
    byte[] fill = reader.fillCellLe();
    for (DrfBlock b : from < to ? reader.continuousBlocks(from, to) : List.<DrfBlock>of()) {
      for (long s = b.start(); s < b.end(); ) {
        // one read never crosses a file: the fill-value rule depends on the file's layout
        long fileEnd = reader.fileOf(s).map(DrfChannelReader.RfFile::endSample).orElse(b.end());
        int n = (int) Math.min(READ_STEP, Math.min(b.end(), fileEnd) - s);
        boolean padding = reader.fileOf(s).map(f -> !reader.info(f).chunked()).orElse(false);
        DrfSamples x = reader.read(s, n);
        for (DrfSamples part : padding ? x.splitOnFill(fill) : List.of(x)) {
          if (complexFloat32) {
            buf.copyFloat32Le(part.startIndex(), part.bytes(), part.count()); // what DrfIqBlocks + add do, minus a copy
            continue;
          }
          for (IqBlock block : DrfIqBlocks.toIqBlocks(channel.name(), part, reader.sampleRate(),
              reader.timeNs(part.startIndex()), 0)) {
            MinuteAssembler.requireComplex(block);
            buf.add(block);
          }
        }
        s += n;
      }
    }
    if (buf.presentInMinute == 0) {
      return null;
    }
    return new AssembledMinute(channel.name(), config.frequencyHz(channel.name()), fs, buf.minuteStartSystemNs,
        buf.firstIndex, buf.iq, buf.presentInMinute / (double) perMinute);
  }

  /** Event timestamp of minute {@code m}'s window end (ms), as {@link MinuteAssembler#windowEndMs}. */
  long windowEndMs(long m) {
    return Math.floorDiv((m * perMinute + perMinute + margin) * 1000L + fs - 1, fs);
  }

  @Override
  public void close() {
    reader.close();
  }
}

package io.tickstream.jobs.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's minute windows ({@link ArchiveMinuteReader}, read by {@link ArchiveMinuteSource}) are
 * bit for bit the windows the live {@link MinuteAssembler} fills from the same IQ blocks — float32 and
 * int16, with gaps, a start inside a minute and a clipped index range — and the splits cover every
 * minute with data once.
 */
class ArchiveMinuteSourceTest {
  static final int FS = 8000;
  static final long PER_MINUTE = 60L * FS;
  static final long MINUTE_NS = 60_000_000_000L;
  static final long M0 = GeneratedArchive.DEFAULT_START_NS / MINUTE_NS;
  static final Map<String, Double> CHANNELS = Map.of("WWV_10_MHz", 10e6, "WWV_15_MHz", 15e6);

  @TempDir
  Path tmp;

  /** 3.3 minutes from 17 s into minute M0, 1000-sample blocks, two blocks lost; float32 or int16. */
  static List<IqBlock> blocks(String channel, boolean int16, long seed) {
    Random r = new Random(seed);
    long first = M0 * PER_MINUTE + 17L * FS + 123;
    int n = (int) (3.3 * PER_MINUTE);
    List<IqBlock> out = new ArrayList<>();
    for (int at = 0, k = 0; at < n; at += 1000, k++) {
      if (k == 70 || k == 301) {
        continue; // lost packets: a gap inside a minute (k=70) and inside a margin region (k=301)
      }
      long idx = first + at;
      long tNs = Math.floorDiv(idx, FS) * 1_000_000_000L + Math.floorMod(idx, FS) * (1_000_000_000L / FS);
      int len = Math.min(1000, n - at);
      if (int16) {
        short[] v = new short[2 * len];
        for (int q = 0; q < v.length; q++) {
          v[q] = (short) r.nextInt(-32768, 32768);
        }
        out.add(IqBlock.ofInt16(channel, idx, Rational.of(FS), tNs, true, v, 0));
      } else {
        float[] v = new float[2 * len];
        for (int q = 0; q < v.length; q++) {
          v[q] = (float) r.nextGaussian();
        }
        out.add(IqBlock.ofFloat32(channel, idx, Rational.of(FS), tNs, true, v, 0));
      }
    }
    return out;
  }

  /** The assembler's window of minute {@code m}: every block (clipped to [from, to)) added to a fresh buffer. */
  static MinuteBuffer assembled(List<IqBlock> blocks, long m, int margin, long from, long to) {
    MinuteBuffer buf = MinuteBuffer.open(m * MINUTE_NS, m * PER_MINUTE, PER_MINUTE, margin);
    for (IqBlock b : blocks) {
      long s = Math.max(b.firstSampleIndex(), from);
      long e = Math.min(b.endSampleIndex(), to);
      if (s >= e) {
        continue;
      }
      int off = (int) (2 * (s - b.firstSampleIndex()));
      int len = (int) (2 * (e - s));
      buf.add(b.type() == io.tickstream.core.signal.SampleType.INT16
          ? IqBlock.ofInt16(b.channel(), s, b.sampleRateHz(), b.tSystemNs(), true,
              Arrays.copyOfRange(b.int16(), off, off + len), 0)
          : IqBlock.ofFloat32(b.channel(), s, b.sampleRateHz(), b.tSystemNs(), true,
              Arrays.copyOfRange(b.float32(), off, off + len), 0));
    }
    return buf;
  }

  @Test
  void archiveWindowsAreTheAssemblersWindowsBitForBit() {
    List<IqBlock> f32 = blocks("WWV_10_MHz", false, 1);
    List<IqBlock> i16 = blocks("WWV_15_MHz", true, 2);
    List<IqBlock> all = new ArrayList<>(f32);
    all.addAll(i16);
    Path archive = tmp.resolve("archive");
    GeneratedArchive.write(archive, all, CHANNELS);
    HfJobConfig config = HfJobConfig.of("rx", "EM38ww", "v1", CHANNELS, true, true);
    int margin = (int) Math.round(config.marginS() * FS);
    long end = f32.get(f32.size() - 1).endSampleIndex();
    long start = f32.get(0).firstSampleIndex();
    for (List<IqBlock> blocks : List.of(f32, i16)) {
      String ch = blocks.get(0).channel();
      // whole archive, and a range clipped inside the first and the last minute
      for (long[] range : List.of(new long[] {start, end}, new long[] {start + 9 * FS + 7, end - 31 * FS - 5})) {
        var c = new ArchiveMinuteSource.ChannelRange(ch, archive.resolve(ch).toString(), range[0], range[1]);
        int emitted = 0;
        try (ArchiveMinuteReader r = ArchiveMinuteReader.open(c, config)) {
          for (long m = M0 - 1; m <= M0 + 5; m++) {
            MinuteBuffer want = assembled(blocks, m, margin, range[0], range[1]);
            AssembledMinute got = r.minute(m);
            String what = ch + " minute " + (m - M0) + " range " + Arrays.toString(range);
            if (want.presentInMinute == 0) {
              assertNull(got, what + ": no sample in the minute, nothing emitted");
              continue;
            }
            assertNotNull(got, what);
            emitted++;
            assertEquals(want.minuteStartSystemNs, got.minuteStartSystemNs(), what);
            assertEquals(want.firstIndex, got.firstIndex(), what);
            assertEquals(want.presentInMinute / (double) PER_MINUTE, got.completeness(), 0.0, what);
            assertEquals(want.iq.length, got.iq().length, what);
            for (int k = 0; k < want.iq.length; k++) {
              if (Float.floatToRawIntBits(want.iq[k]) != Float.floatToRawIntBits(got.iq()[k])) {
                throw new AssertionError(what + ": value " + k + " is " + got.iq()[k] + ", assembler has " + want.iq[k]);
              }
            }
            assertEquals(r.windowEndMs(m), MinuteAssembler.windowEndMs(want, FS), what + ": event timestamp");
          }
        }
        assertEquals(4, emitted, ch + ": minutes M0..M0+3 hold data");
        List<ArchiveMinuteSource.MinuteSplit> splits = new ArchiveMinuteSource(List.of(c), config, 3).planSplits();
        assertEquals(List.of(M0, M0 + 3), splits.stream().map(ArchiveMinuteSource.MinuteSplit::next).toList());
        assertEquals(List.of(M0 + 3, M0 + 4), splits.stream().map(ArchiveMinuteSource.MinuteSplit::end).toList());
      }
    }
    assertTrue(f32.size() > 100);
  }
}

package io.tickstream.core.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.hf.analysis.MinuteAssembler;
import io.tickstream.core.hf.analysis.MinuteSamples;
import io.tickstream.core.hf.format.BcdTimeCode;
import io.tickstream.core.hf.format.BroadcastOptions.ChuFraming;
import io.tickstream.core.hf.format.ChuFskCode;
import io.tickstream.core.hf.format.ToneSchedule;
import io.tickstream.core.hf.format.UtcMinute;
import io.tickstream.core.hf.io.SampleFile;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.HfSignalGenerator.Scenario;
import io.tickstream.core.hf.sim.HfSignalGenerator.Transmission;
import io.tickstream.core.signal.IqBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatsAndGeneratorTest {

  @Test
  void bcdRoundTripAndKnownBits() {
    UtcMinute m = new UtcMinute(2025, 58, 0, 8);
    int[] c = BcdTimeCode.encode(m, -3, true, true);
    assertEquals(BcdTimeCode.MARKER, c[9]);
    assertEquals(0, c[50], "negative DUT1 with 1 = positive convention");
    assertEquals(1, c[56]);
    assertEquals(1, c[57]);
    assertEquals(0, c[58]);
    assertEquals(1, c[13], "minute units 8 = bit 13");
    BcdTimeCode.Decoded d = BcdTimeCode.decode(c, true);
    assertEquals(m, d.minute());
    assertEquals(-3, d.dut1Tenths());
    assertTrue(d.leapWarning());
    assertEquals(0, d.errors());
    int[] bad = c.clone();
    bad[19] = BcdTimeCode.ZERO;
    assertEquals(1, BcdTimeCode.decode(bad, true).errors());
  }

  @Test
  void dstBitsFollowUsRules() {
    assertEquals(0, new UtcMinute(2025, 58, 0, 0).usDstBits());
    assertEquals(2, new UtcMinute(2025, 68, 0, 0).usDstBits(), "9 Mar 2025: DST starts today");
    assertEquals(3, new UtcMinute(2025, 180, 0, 0).usDstBits());
  }

  @Test
  void chuFramesRoundTripAndRejectCorruption() {
    UtcMinute m = new UtcMinute(2026, 45, 17, 29);
    for (ChuFraming f : ChuFraming.values()) {
      int[] a = ChuFskCode.bytesFor(m, 35, 2, 37, 0, false, false);
      ChuFskCode.Chars ch = ChuFskCode.chars(ChuFskCode.bits(a, f), f);
      assertEquals(0, ch.framingErrors());
      assertArrayEquals(a, ch.bytes());
      assertEquals(new ChuFskCode.FrameA(45, 17, 29, 35), ChuFskCode.decodeA(ch.bytes()));
      int[] b = ChuFskCode.bytesFor(m, 31, -4, 37, 12, false, true);
      ChuFskCode.FrameB fb = ChuFskCode.decodeB(b);
      assertEquals(new ChuFskCode.FrameB(-4, 2026, 37, 12, false, true), fb);
      b[7] ^= 0x10;
      assertNull(ChuFskCode.decodeB(b));
    }
  }

  @Test
  void schedulesDifferWhereTheSourcesDo() {
    assertEquals(440, ToneSchedule.WWVSIM.toneHz(Station.WWV, 5, 2));
    assertEquals(0, ToneSchedule.WWVSIM.toneHz(Station.WWV, 0, 2), "no 440 Hz in hour 0");
    assertEquals(0, ToneSchedule.WWVSIM.toneHz(Station.WWV, 5, 16));
    assertEquals(500, ToneSchedule.GRAPE.toneHz(Station.WWV, 5, 16));
  }

  @Test
  void generatorNoiseMatchesTheStatedSnrDefinition() {
    HfSignalGenerator g = SimulatedMinutes.generator(0, null);
    Scenario quiet = new Scenario(List.of(Transmission.single(Station.WWV, 5, 2.0)), 0, Double.POSITIVE_INFINITY, 1);
    Scenario noisy = new Scenario(List.of(Transmission.single(Station.WWV, 5, 2.0)), 0, 10.0, 1);
    long t = new UtcMinute(2026, 10, 3, 3).epochNs() + 2_000_000_000L;
    int n = 100_000;
    float[] a = g.iq(t, n, 20_000, quiet);
    float[] b = g.iq(t, n, 20_000, noisy);
    double p = 0;
    for (int i = 0; i < 2 * n; i++) {
      double d = b[i] - a[i];
      p += d * d;
    }
    p /= n;
    // C = 4, SNR 10 dB in 10 kHz → σ² = 0.4 in 10 kHz → 0.8 per complex sample at 20 kHz
    assertEquals(0.8, p, 0.02);
  }

  @Test
  void assemblerPlacesBlocksByIndexAndCountsGaps() {
    HfSignalGenerator g = SimulatedMinutes.generator(0, null);
    Scenario sc = new Scenario(List.of(Transmission.single(Station.WWV, 8.0, 1.0)), 3.0, 30, 5);
    long minute = new UtcMinute(2026, 11, 4, 21).epochNs();
    int fs = 20_000;
    long t0 = minute - 2_000_000_000L;
    List<IqBlock> blocks = new ArrayList<>();
    long index0 = t0 / 1_000_000_000L * fs;
    for (int k = 0; k < 64 * 50; k++) {
      if (k >= 1000 && k < 1010) {
        continue; // a 0.2 s gap at second ~18 of the minute
      }
      long tk = t0 + k * 20_000_000L;
      blocks.add(g.iqBlock("WWV_10", index0 + (long) k * 400, fs, tk, 400, sc));
    }
    MinuteSamples ms = MinuteAssembler.assemble(blocks, 10e6, minute, 1.0);
    assertEquals(1 - 0.2 / 60, ms.completeness(), 1e-9);
    MinuteAnalysis m = new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(10e6, null)).analyze(ms);
    StationTiming t = m.timing(Station.WWV).orElseThrow();
    assertTrue(t.usable());
    assertEquals(11.0, t.arrivalOffsetMs(), 0.01);
    assertNotNull(m.timeCode());
    assertEquals(minute, m.utcMinuteStartNs());
    assertTrue(m.notes().stream().anyMatch(s -> s.contains("complete")), m.notes().toString());
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} Hz")
  @org.junit.jupiter.params.provider.ValueSource(ints = {16_000, 24_000})
  void otherRadiodRatesWork(int fs) {
    HfSignalGenerator g = SimulatedMinutes.generator(0.4, null);
    Scenario sc = new Scenario(List.of(new Transmission(Station.WWVH,
        List.of(new HfSignalGenerator.Path(23.7, 1.0, -0.08, 1.0)))), -7.5, 10, 11);
    long minute = new UtcMinute(2026, 33, 18, 37).epochNs();
    long t0 = minute - 1_000_000_000L;
    MinuteSamples ms = MinuteSamples.fromInterleavedIq("WWV_5", 5e6, fs, t0, minute, g.iq(t0, 62 * fs, fs, sc), 1.0);
    MinuteAnalysis m = new HfMinuteAnalyzer(HfMinuteAnalyzer.Config.defaultsFor(5e6, null)).analyze(ms);
    StationTiming t = m.timing(Station.WWVH).orElseThrow();
    assertTrue(t.usable());
    assertEquals(23.7 - 7.5, t.arrivalOffsetMs(), 0.01);
    assertEquals(-0.08, t.dopplerHz(), 0.01);
    assertEquals(minute, m.utcMinuteStartNs());
    assertEquals(0.4, m.timeCode().dut1Seconds(), 1e-9);
    assertEquals(DominantStation.WWVH, m.discrimination().dominant());
  }

  @Test
  void sampleFileRejectsBadInputWithItsName(@TempDir Path dir) throws IOException {
    Path raw = dir.resolve("x.cf32");
    Files.write(raw, new byte[12]);
    IOException e = assertThrows(IOException.class, () -> SampleFile.read(raw, 20000));
    assertTrue(e.getMessage().contains("x.cf32"), e.getMessage());
    assertTrue(assertThrows(IOException.class, () -> SampleFile.read(dir.resolve("y.cs16"), null))
        .getMessage().contains("y.cs16"));
    Path wav = dir.resolve("z.wav");
    Files.write(wav, "RIFF0000WAVEjunk".getBytes());
    assertTrue(assertThrows(IOException.class, () -> SampleFile.read(wav, null)).getMessage().contains("z.wav"));
    Path ok = dir.resolve("ok.cs16");
    Files.write(ok, new byte[] {0, 64, 0, (byte) 192});
    SampleFile f = SampleFile.read(ok, 16000);
    assertTrue(f.complex());
    assertEquals(0.5f, f.samples()[0]);
    assertEquals(-0.5f, f.samples()[1]);
  }
}

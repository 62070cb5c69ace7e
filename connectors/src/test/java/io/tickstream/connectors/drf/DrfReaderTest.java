package io.tickstream.connectors.drf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.testing.SharedData;
import io.tickstream.core.time.Rational;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reader semantics on the reference fixtures and the Haystack data (shared/data/README.md drf/). */
class DrfReaderTest {
  private static Path fixture(String name) {
    return SharedData.path("fixtures/drf/" + name);
  }

  @Test
  void gappedInt16SamplesMatchTheSignalFormula() {
    try (DrfChannelReader r = DigitalRfReader.channel(fixture("a_iq_int16_20k_gapped"), "ch0")) {
      assertEquals(Rational.of(20000), r.sampleRate());
      assertEquals(List.of(new DrfBlock(34251984000000L, 600000), new DrfBlock(34251984700000L, 460000),
          new DrfBlock(34251985240000L, 1160000)), r.continuousBlocks());
      DrfSamples s = r.read(34251984000000L, 3);
      assertArrayEquals(new short[] {2252, -13374}, java.util.Arrays.copyOf(s.toShorts(), 2));
      // across the file boundary at 60 s inside the third block (file 2 starts at 34251985200000)
      long n = 34251985240000L + 1159990;
      DrfSamples t = r.read(n, 10);
      for (int k = 0; k < 10; k++) {
        assertEquals(DrfTestSignal.int16(1, n + k, 0, 0), (short) t.component(n + k, 0, 0));
        assertEquals(DrfTestSignal.int16(1, n + k, 0, 1), (short) t.component(n + k, 0, 1));
      }
      IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> r.read(34251984599990L, 20));
      assertTrue(gap.getMessage().contains("34251984600000"), gap.getMessage());
      assertEquals(2, r.readBlocks(34251984599990L, 34251984700010L).size());
    }
  }

  @Test
  void bigEndianRationalRateAndTimeConversion() {
    try (DrfChannelReader r = DigitalRfReader.channel(fixture("e_be_rational_rate"), "be_rational")) {
      assertTrue(r.properties().dtype().bigEndian());
      assertEquals(Rational.of(100000, 3), r.sampleRate());
      DrfSamples s = r.read(56802240008333L, 1);
      assertEquals(-23382, (short) s.component(56802240008333L, 0, 0));
      assertEquals(-21767, (short) s.component(56802240008333L, 0, 1));
      // files alternate 16667 / 16666 samples: first samples are ceil(t_file * R)
      assertEquals(List.of(56802240000000L, 56802240016667L, 56802240033334L, 56802240050000L, 56802240066667L),
          r.files().stream().map(DrfChannelReader.RfFile::firstSample).toList());
      // 2024-01-01T00:00:00.25Z -> ceil(0.25 s * 100000/3) past the epoch second
      long t = 1704067200_250_000_000L;
      assertEquals(56802240008334L, r.indexAtOrAfter(t));
      assertEquals(1704067200_249_990_000L, r.timeNs(56802240008333L));
      assertEquals("2024-01-01T00:00:00.24999Z", DrfTime.utc(56802240008333L, 100000, 3));
    }
  }

  @Test
  void continuousLayoutFillIsDataForBlocksButAGapForDataBlocks() {
    try (DrfChannelReader d = DigitalRfReader.channel(fixture("d_real_f32_fill_edges"), "edge");
        DrfChannelReader f = DigitalRfReader.channel(fixture("f_real_f32_cont_chunked"), "edge")) {
      assertEquals(List.of(new DrfBlock(171262077000L, 3000), new DrfBlock(171262081000L, 3000)), d.continuousBlocks());
      List<DrfBlock> real = d.dataBlocks(Long.MIN_VALUE, Long.MAX_VALUE);
      // the same write calls without fill padding (fixture f) give exactly these runs
      assertEquals(f.continuousBlocks(), real);
      assertEquals(4100, real.stream().mapToLong(DrfBlock::count).sum());
      DrfSamples a = d.read(171262077550L, 600);
      DrfSamples b = f.read(171262077550L, 600);
      assertArrayEquals(b.bytes(), a.bytes());
      assertEquals(0.8712571859359741, a.component(171262077550L, 0, 0));
      assertTrue(Float.isNaN((float) d.read(171262077000L, 1).component(171262077000L, 0, 0)));
    }
  }

  @Test
  void twoSubchannelsAndWholeMissingFiles() {
    try (DrfChannelReader r = DigitalRfReader.channel(fixture("c_iq_int16_2sub"), "dual")) {
      assertEquals(2, r.properties().numSubchannels());
      assertEquals(16, r.files().size());
      DrfSamples s = r.read(13700793600000L, 1);
      assertArrayEquals(new short[] {-1197, -5482, -15567, -10616}, s.toShorts());
      assertArrayEquals(new short[] {-15567, -10616}, s.subchannel(1).toShorts());
    }
  }

  @Test
  void haystackB210ExampleWithFillFirstSample() {
    Path top = SharedData.path("data/drf/haystack_example_b210_noise_2019-08-29");
    assertEquals(List.of("ch0"), DigitalRfReader.channels(top));
    try (DrfChannelReader r = DigitalRfReader.channel(top, "ch0")) {
      assertEquals(List.of(new DrfBlock(15671057000000L, 10000)), r.continuousBlocks());
      assertEquals("2019-08-29T19:08:20Z", DrfTime.utc(15671057000000L, 10000, 1));
      DrfSamples s = r.read(15671057000000L, 10000);
      assertEquals(1, s.countFill(r.fillCellLe()));
      assertEquals(List.of(new DrfBlock(15671057000001L, 9999)), r.dataBlocks(Long.MIN_VALUE, Long.MAX_VALUE));
    }
    DigitalMetadataReader md = DigitalMetadataReader.open(top.resolve("ch0/metadata"));
    assertEquals(1, md.records().size());
    assertEquals(15671057000001L, md.records().get(0).sample());
    List<?> cf = (List<?>) md.records().get(0).values().get("center_frequencies");
    assertEquals(4.4e8, (Double) cf.get(0), 1e-3);
    assertEquals("B210", ((Map<?, ?>) ((Map<?, ?>) md.records().get(0).values().get("receiver")).get("info")).get("mboard_id"));
  }

  @Test
  void haystackSyntheticRationalGappedRows() {
    Path top = SharedData.path("data/drf/haystack_synthetic_sc16_gap_2014-03-09");
    try (DrfChannelReader r = DigitalRfReader.channel(top, "sc16_x1_n200_d3_10s_1000ms_c0")) {
      assertEquals(Rational.of(200, 3), r.sampleRate());
      assertEquals(14, r.files().size());
      assertTrue(r.files().stream().noneMatch(f -> f.relativePath().endsWith("rf@1394368235.000.h5")));
      DrfChannelReader.RfFile f31 = r.files().stream()
          .filter(f -> f.relativePath().endsWith("rf@1394368231.000.h5")).findFirst().orElseThrow();
      DrfChannelReader.FileInfo info = r.info(f31);
      assertArrayEquals(new long[] {92957882067L, 92957882100L}, info.rowStarts());
      assertArrayEquals(new long[] {0, 33}, info.rowOffsets());
      List<DrfBlock> blocks = r.continuousBlocks();
      assertEquals(92957882000L, r.bounds().orElseThrow()[0]);
      // runs merge across index rows and files: the last file's single row (92957882934) continues the previous file
      long b = 92957882000L;
      assertEquals(List.of(new DrfBlock(b, 166), new DrfBlock(b + 233, 67), new DrfBlock(b + 433, 27),
          new DrfBlock(b + 462, 538)), blocks);
      assertArrayEquals(new long[] {92957882934L}, r.info(r.files().get(13)).rowStarts());
      assertEquals(798, blocks.stream().mapToLong(DrfBlock::count).sum());
    }
  }

  @Test
  void metadataForwardFill() {
    DigitalMetadataReader md = DigitalMetadataReader.open(fixture("a_iq_int16_20k_gapped").resolve("ch0/metadata"));
    assertFalse(md.valuesAt(34251983999999L).isPresent());
    assertEquals(0L, md.valuesAt(34251984000000L).orElseThrow().values().get("segment_index"));
    assertEquals(1L, md.valuesAt(34251985239999L).orElseThrow().values().get("segment_index"));
    DigitalMetadataReader.Record last = md.valuesAt(Long.MAX_VALUE / 4).orElseThrow();
    assertEquals(34251985240000L, last.sample());
    assertEquals("drf-ref-synthetic", ((Map<?, ?>) last.values().get("receiver")).get("name"));
    assertEquals(List.of(10e6), last.values().get("center_frequencies"));
  }

  @Test
  void channelDirectoryIsNotATopLevelDirectory() {
    DrfFormatException e = assertThrows(DrfFormatException.class,
        () -> DigitalRfReader.channels(fixture("a_iq_int16_20k_gapped").resolve("ch0")));
    assertTrue(e.getMessage().contains("top-level"), e.getMessage());
  }
}

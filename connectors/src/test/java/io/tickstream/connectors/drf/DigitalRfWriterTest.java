package io.tickstream.connectors.drf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.signal.IqBlock;
import io.tickstream.core.time.Rational;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigitalRfWriterTest {
  private static final Rational RATE = Rational.of(20000);
  private static final long T0 = 1712599200L * 20000; // 2024-04-08T18:00:00Z

  @TempDir Path top;

  private static IqBlock block(long start, int n) {
    short[] iq = new short[2 * n];
    for (int k = 0; k < n; k++) {
      iq[2 * k] = DrfTestSignal.int16(7, start + k, 0, 0);
      iq[2 * k + 1] = DrfTestSignal.int16(7, start + k, 0, 1);
    }
    return IqBlock.ofInt16("ch", start, RATE, 0, true, iq, 0);
  }

  private static DrfWriterOptions gapped() {
    return DrfWriterOptions.defaults().withCadences(60, 1000).withContinuous(false).withCompression(1).withChecksum(true);
  }

  @Test
  void iqBlocksWithGapsInsideAndAcrossFilesReadBack() {
    try (DigitalRfWriter w = DigitalRfWriter.create(top, "ch", gapped())) {
      w.write(block(T0, 5000));
      w.write(block(T0 + 5000, 5000));         // continues the run: own index row
      w.write(block(T0 + 12000, 10000));       // gap inside file 0, crosses into file 1
      w.write(block(T0 + 45000, 1000));        // file 2
      w.write(block(T0 + 80000, 100));         // file 3 (18:00:03) never created: a whole missing file
    }
    try (DrfChannelReader r = DigitalRfReader.channel(top, "ch")) {
      assertEquals(List.of(new DrfBlock(T0, 10000), new DrfBlock(T0 + 12000, 10000), new DrfBlock(T0 + 45000, 1000),
          new DrfBlock(T0 + 80000, 100)), r.continuousBlocks());
      assertEquals(List.of("rf@1712599200.000.h5", "rf@1712599201.000.h5", "rf@1712599202.000.h5",
          "rf@1712599204.000.h5"), r.files().stream().map(f -> f.path().getFileName().toString()).toList());
      DrfChannelReader.FileInfo first = r.info(r.files().get(0));
      assertArrayEquals(new long[] {T0, T0 + 5000, T0 + 12000}, first.rowStarts());
      assertArrayEquals(new long[] {0, 5000, 10000}, first.rowOffsets());
      assertEquals(5000, first.chunkRows()); // reference rule: 10 x first write >= 20000 per file, so the first write length
      assertEquals(List.of("deflate:1", "fletcher32"), first.filters());
      assertEquals(1, r.info(r.files().get(1)).rowStarts().length);
      DrfSamples s = r.read(T0 + 12000, 10000);
      assertArrayEquals(block(T0 + 12000, 10000).int16(), s.toShorts());
      assertEquals(List.of(0L, 1L, 2L, 3L), r.files().stream().map(f -> r.info(f).sequenceNum()).toList());
    }
  }

  @Test
  void refusesBackwardsAndOverlappingWrites() {
    try (DigitalRfWriter w = DigitalRfWriter.create(top, "ch", gapped())) {
      w.write(block(T0, 100));
      DrfWriteException e = assertThrows(DrfWriteException.class, () -> w.write(block(T0 + 50, 100)));
      assertTrue(e.getMessage().contains("before the next writable sample " + (T0 + 100)), e.getMessage());
      w.write(block(T0 + 100, 100));
    }
    // a new writer on the existing channel continues after the stored data, never over it
    try (DigitalRfWriter w = DigitalRfWriter.create(top, "ch", gapped())) {
      assertThrows(DrfWriteException.class, () -> w.write(block(T0 + 150, 10)));
      // sample T0+1000 is after the data but inside the finished file's period
      DrfWriteException e = assertThrows(DrfWriteException.class, () -> w.write(block(T0 + 1000, 10)));
      assertTrue(e.getMessage().contains("finished files are never modified"), e.getMessage());
    }
    try (DigitalRfWriter w = DigitalRfWriter.create(top, "ch", gapped())) {
      w.write(block(T0 + 20000, 10)); // next file period: fine
    }
    DrfWriteException mismatch = assertThrows(DrfWriteException.class, () -> {
      try (DigitalRfWriter w = DigitalRfWriter.create(top, "ch", gapped().withCadences(3600, 60000))) {
        w.write(block(T0 + 90000, 10));
      }
    });
    assertTrue(mismatch.getMessage().contains("differ"), mismatch.getMessage());
  }

  @Test
  void finishedFilesAreNeverTouchedAndOpenFilesAreTemporary() throws Exception {
    try (DigitalRfWriter w = DigitalRfWriter.create(top, "ch", gapped())) {
      w.write(block(T0, 20000));
      Path sub = top.resolve("ch/2024-04-08T18-00-00");
      assertTrue(Files.exists(sub.resolve("tmp.rf@1712599200.000.h5")));
      assertFalse(Files.exists(sub.resolve("rf@1712599200.000.h5")));
      w.write(block(T0 + 20000, 100));
      Path done = sub.resolve("rf@1712599200.000.h5");
      assertTrue(Files.exists(done));
      byte[] before = Files.readAllBytes(done);
      var mtime = Files.getLastModifiedTime(done);
      w.write(block(T0 + 20100, 30000));
      w.close();
      assertArrayEquals(before, Files.readAllBytes(done));
      assertEquals(mtime, Files.getLastModifiedTime(done));
    }
  }

  @Test
  void continuousContiguousLayoutPadsWithFill() {
    DrfWriterOptions o = DrfWriterOptions.defaults().withCadences(60, 1000);
    try (DigitalRfWriter w = DigitalRfWriter.create(top, "ch", o)) {
      w.write(block(T0 + 5000, 1000));
      w.write(block(T0 + 19000, 2000)); // gap inside file 0, continues into file 1
    }
    try (DrfChannelReader r = DigitalRfReader.channel(top, "ch")) {
      assertEquals(List.of(new DrfBlock(T0, 40000)), r.continuousBlocks());
      assertEquals(List.of(new DrfBlock(T0 + 5000, 1000), new DrfBlock(T0 + 19000, 2000)),
          r.dataBlocks(Long.MIN_VALUE, Long.MAX_VALUE));
      DrfChannelReader.FileInfo info = r.info(r.files().get(0));
      assertFalse(info.chunked());
      assertArrayEquals(new long[] {T0}, info.rowStarts());
      assertEquals(20000, info.length());
      assertArrayEquals(new short[] {Short.MIN_VALUE, Short.MIN_VALUE}, r.read(T0, 1).toShorts());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"int8", "int32", "int64", "uint16", "float64", ">int32", ">float32"})
  void everyComponentTypeRoundTrips(String type) {
    DrfDtype dt = DrfDtype.parse(type);
    int sub = 3;
    DrfFormat fmt = new DrfFormat(dt.littleEndian(), 200, 3, true, sub);
    int n = 500;
    byte[] bytes = new byte[n * sub * 2 * dt.sizeBytes()];
    new Random(type.hashCode()).nextBytes(bytes);
    if (dt.isFloat()) { // avoid NaN payloads: write finite values
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      for (int k = 0; k < n * sub * 2; k++) {
        if (dt.sizeBytes() == 4) {
          b.putFloat(4 * k, k * 0.25f - 7);
        } else {
          b.putDouble(8 * k, k * 0.125 - 9);
        }
      }
    }
    long start = 92957882000L;
    DrfSamples s = new DrfSamples(start, n, dt.littleEndian(), true, sub, bytes);
    try (DigitalRfWriter w = DigitalRfWriter.create(top, "x", gapped().withBigEndian(dt.bigEndian()), fmt)) {
      w.write(s.slice(start, 200));
      w.write(s.slice(start + 250, 250));
    }
    try (DrfChannelReader r = DigitalRfReader.channel(top, "x")) {
      assertEquals(dt, r.properties().dtype());
      assertEquals(Rational.of(200, 3), r.sampleRate());
      assertEquals(List.of(new DrfBlock(start, 200), new DrfBlock(start + 250, 250)), r.continuousBlocks());
      assertArrayEquals(s.slice(start + 250, 250).bytes(), r.read(start + 250, 250).bytes());
      assertEquals(s.component(start + 3, 2, 1), r.read(start, 200).component(start + 3, 2, 1));
    }
  }

  @Test
  void metadataWriterRoundTripAndForwardFill() {
    Path md = top.resolve("ch/metadata");
    DigitalMetadataWriter w = DigitalMetadataWriter.create(md, 3600, 60, 20000, 1, "metadata");
    w.write(T0, Map.of("callsign", "N0CALL", "center_frequencies", List.of(5e6, 10e6), "seg", 0L,
        "receiver", Map.of("name", "rx", "gain_db", 12.5)));
    w.write(T0 + 2_000_000, Map.of("callsign", "N0CALL", "center_frequencies", new double[] {5e6}, "seg", 1L,
        "receiver", Map.of("name", "rx2", "gain_db", 13.0)));
    assertThrows(DrfWriteException.class, () -> w.write(T0 + 10, Map.of("seg", 9L)));
    DigitalMetadataReader r = DigitalMetadataReader.open(md);
    assertEquals(List.of("callsign", "center_frequencies", "receiver", "seg"), r.properties().fields());
    assertEquals(2, r.files().size()); // 60 s files: second record is 100 s later
    assertEquals(List.of(5e6, 10e6), r.valuesAt(T0 + 1_999_999).orElseThrow().values().get("center_frequencies"));
    assertEquals("rx2", ((Map<?, ?>) r.valuesAt(T0 + 9_000_000).orElseThrow().values().get("receiver")).get("name"));
    assertEquals(1L, r.records().get(1).values().get("seg"));
  }

  @Test
  void metadataNumericTypesRoundTripWithTheirHdf5Types() throws Exception {
    Path md = top.resolve("nt/metadata");
    DigitalMetadataWriter w = DigitalMetadataWriter.create(md, 3600, 3600, 10, 1, "metadata");
    Map<String, Object> rec = new java.util.LinkedHashMap<>();
    rec.put("lat", 38.9375f);
    rec.put("long", (float) -92.123456789);
    rec.put("f32s", new float[] {1.5f, -2.25f});
    rec.put("f64", 0.1);
    rec.put("i64", 7L);
    for (DigitalMetadataWriter.NumberType t : DigitalMetadataWriter.NumberType.values()) {
      long v = t.name().startsWith("U") ? 200 : -100;
      rec.put("t_" + t, new DigitalMetadataWriter.Typed(t, t.isFloat() ? List.of(1.25, -3.5) : List.of(v, 0L, 1L)));
    }
    long sample = T0 / 2000;
    w.write(sample, rec);

    Map<String, Object> back = DigitalMetadataReader.open(md).valuesAt(sample).orElseThrow().values();
    assertEquals((double) 38.9375f, back.get("lat"));
    assertEquals((double) (float) -92.123456789, back.get("long"), "float32 rounding kept, no F64 digits invented");
    assertEquals(List.of(1.5, -2.25), back.get("f32s"));
    assertEquals(0.1, back.get("f64"));
    assertEquals(7L, back.get("i64"));
    for (DigitalMetadataWriter.NumberType t : DigitalMetadataWriter.NumberType.values()) {
      long v = t.name().startsWith("U") ? 200 : -100;
      assertEquals(t.isFloat() ? List.of(1.25, -3.5) : List.of(v, 0L, 1L), back.get("t_" + t), t.name());
    }

    Path file;
    try (java.util.stream.Stream<Path> s = Files.walk(md)) {
      file = s.filter(p -> p.getFileName().toString().startsWith("metadata@")).findFirst().orElseThrow();
    }
    Map<String, String> types = H5DatasetTypes.of(file, Long.toString(sample), rec.keySet());
    assertEquals("float/4/le", types.get("lat"));
    assertEquals("float/4/le", types.get("long"));
    assertEquals("float/4/le", types.get("f32s"));
    assertEquals("float/8/le", types.get("f64"));
    assertEquals("int/8/le/signed", types.get("i64"));
    for (DigitalMetadataWriter.NumberType t : DigitalMetadataWriter.NumberType.values()) {
      int bytes = Integer.parseInt(t.name().substring(1)) / 8;
      String want = t.isFloat() ? "float/" + bytes + "/le"
          : "int/" + bytes + "/le/" + (t.name().startsWith("U") ? "unsigned" : "signed");
      assertEquals(want, types.get("t_" + t), t.name());
    }

    assertThrows(IllegalArgumentException.class, () -> w.write(sample + 1,
        Map.of("x", new DigitalMetadataWriter.Typed(DigitalMetadataWriter.NumberType.U8, 256L))));
    assertThrows(IllegalArgumentException.class, () -> w.write(sample + 2,
        Map.of("x", new DigitalMetadataWriter.Typed(DigitalMetadataWriter.NumberType.I32, 1.5))));
    assertEquals(1, DigitalMetadataReader.open(md).records().size(), "a rejected record leaves nothing behind");
  }
}

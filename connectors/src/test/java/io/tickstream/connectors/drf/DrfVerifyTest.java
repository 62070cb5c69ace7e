package io.tickstream.connectors.drf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import io.tickstream.core.testing.SharedData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupt copies of the fixtures: every problem names file and sample; the good files around it still read. */
class DrfVerifyTest {
  @TempDir Path tmp;

  private Path copyFixture(String name) throws IOException {
    Path src = SharedData.path("fixtures/drf/" + name);
    Path dst = tmp.resolve(name);
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
          t.toFile().setWritable(true);
        }
      }
    }
    return dst;
  }

  @Test
  void intactFixturesVerifyClean() {
    for (String f : DrfDumpFixtureTest.fixtures().toList()) {
      DrfVerifier.Report r = DrfVerifier.verify(SharedData.path("fixtures/drf/" + f), m -> { });
      assertTrue(r.ok(), f + ": " + r.problems());
      assertEquals(1, r.channels());
    }
    for (String d : List.of("haystack_example_b210_noise_2019-08-29", "haystack_synthetic_sc16_gap_2014-03-09")) {
      DrfVerifier.Report r = DrfVerifier.verify(SharedData.path("data/drf/" + d), m -> { });
      assertTrue(r.ok(), d + ": " + r.problems());
    }
  }

  @Test
  void flippedByteUnderFletcher32IsReportedWithFileAndChunkStart() throws Exception {
    Path top = copyFixture("f_real_f32_cont_chunked");
    Path file = top.resolve("edge/2024-04-08T23-59-00/rf@1712620780.000.h5");
    // sample 171262078460 is row 160 of this file (runs [78000,78150) at 0 and [78450,79000) at 150); chunk = 100 rows
    long n = 171262078460L;
    byte[] pattern = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(DrfTestSignal.float32(4, n, 0, 0)).array();
    byte[] all = Files.readAllBytes(file);
    int at = indexOf(all, pattern);
    assertTrue(at > 0, "sample bytes not found");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(at + 1);
      raf.write(all[at + 1] ^ 0x10);
    }
    DrfVerifier.Report report = DrfVerifier.verify(top, m -> { });
    assertEquals(1, report.problems().size(), report.problems().toString());
    DrfVerifier.Problem p = report.problems().get(0);
    assertEquals(file.toString(), p.file());
    assertEquals(171262078100L, p.sampleIndex()); // first sample of the failing chunk (rows 100..199)
    try (DrfChannelReader r = DigitalRfReader.channel(top, "edge")) {
      DrfFormatException e = assertThrows(DrfFormatException.class, () -> r.read(171262078450L, 100));
      assertEquals(file.toString(), e.file());
      assertEquals(171262078450L, e.sampleIndex());
      // the same file's intact chunks and the neighbouring files still read
      assertEquals(50, r.read(171262078000L, 50).count());
      assertEquals(50, r.read(171262078600L, 50).count()); // row 300: another chunk
      assertEquals(1950, r.read(171262081600L, 1950).count());
    }
  }

  @Test
  void truncatedFileIsReportedAndNeighboursStillRead() throws Exception {
    Path top = copyFixture("c_iq_int16_2sub");
    Path file = top.resolve("dual/2024-04-08T18-00-00/rf@1712599203.000.h5");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }
    DrfVerifier.Report report = DrfVerifier.verify(top, m -> { });
    assertEquals(1, report.problems().size(), report.problems().toString());
    assertEquals(file.toString(), report.problems().get(0).file());
    assertEquals(13700793624000L, report.problems().get(0).sampleIndex());
    try (DrfChannelReader r = DigitalRfReader.channel(top, "dual")) {
      DrfFormatException e = assertThrows(DrfFormatException.class, () -> r.read(13700793624000L, 10));
      assertEquals(file.toString(), e.file());
      assertEquals(16000, r.read(13700793608000L, 16000).count());
      assertEquals(64000, r.read(13700793696000L, 64000).count());
      assertEquals(List.of(new DrfBlock(13700793696000L, 64000)), r.continuousBlocks(13700793696000L, Long.MAX_VALUE));
    }
  }

  @Test
  void missingPropertiesFileIsReportedButDataStillReads() throws Exception {
    Path top = copyFixture("a_iq_int16_20k_gapped");
    Files.delete(top.resolve("ch0/drf_properties.h5"));
    DrfVerifier.Report report = DrfVerifier.verify(top, m -> { });
    assertEquals(1, report.problems().size(), report.problems().toString());
    assertEquals(top.resolve("ch0/drf_properties.h5").toString(), report.problems().get(0).file());
    assertTrue(report.problems().get(0).message().contains("missing"));
    assertThrows(DrfFormatException.class, () -> DrfChannelReader.open(top.resolve("ch0")));
    try (DrfChannelReader r = DrfChannelReader.open(top.resolve("ch0"), true)) {
      assertEquals(3, r.continuousBlocks().size());
      assertEquals(2252, (short) r.read(34251984000000L, 1).component(34251984000000L, 0, 0));
    }
  }

  @Test
  void mismatchedAttributeBetweenFilesIsReported() throws Exception {
    Path top = copyFixture("c_iq_int16_2sub");
    Path file = top.resolve("dual/2024-04-08T18-00-00/rf@1712599205.000.h5");
    Hdf5.ensureLoaded();
    synchronized (Hdf5.LOCK) {
      long f = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDWR, HDF5Constants.H5P_DEFAULT);
      long d = H5.H5Dopen(f, "rf_data", HDF5Constants.H5P_DEFAULT);
      H5.H5Adelete(d, "sample_rate_numerator");
      Hdf5.writeLongAttr(d, "sample_rate_numerator", HDF5Constants.H5T_STD_U64LE, 16000);
      H5.H5Dclose(d);
      H5.H5Fclose(f);
    }
    DrfVerifier.Report report = DrfVerifier.verify(top, m -> { });
    assertEquals(1, report.problems().size(), report.problems().toString());
    DrfVerifier.Problem p = report.problems().get(0);
    assertEquals(file.toString(), p.file());
    assertEquals(13700793640000L, p.sampleIndex());
    assertTrue(p.message().contains("sample_rate_numerator is 16000"), p.message());
    try (DrfChannelReader r = DigitalRfReader.channel(top, "dual")) {
      assertEquals(8000, r.read(13700793632000L, 8000).count());
      assertEquals(8000, r.read(13700793648000L, 8000).count());
      assertThrows(DrfFormatException.class, () -> r.read(13700793640000L, 8000));
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

package io.tickstream.connectors.drf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstream.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips through the writer: copying each fixture with its own parameters gives the same samples,
 * blocks, properties, files and metadata (gaps inside and across files, whole missing files, midnight
 * subdirectory crossing, big-endian data, rational rate), with the reference's HDF5 structure.
 */
class DrfCopyRoundTripTest {
  @TempDir Path tmp;

  static Stream<String> fixtures() {
    return DrfDumpFixtureTest.fixtures();
  }

  private static Set<String> volatileFields(JsonNode dump) {
    Set<String> s = new HashSet<>(Set.of(".producer"));
    dump.path("channels").fieldNames().forEachRemaining(ch -> s.add(".channels." + ch + ".files[].computer_time"));
    return s;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void copyWithSameParametersIsIdentical(String name) throws Exception {
    Path src = SharedData.path("fixtures/drf/" + name);
    Path dst = tmp.resolve(name);
    DrfCopy.copy(src, dst, DrfCopy.Options.same(), m -> { });
    JsonNode expected = DrfDump.dump(src, "src");
    JsonNode actual = DrfDump.dump(dst, "dst");
    List<String> diffs = JsonCompare.diff(expected, actual, volatileFields(expected));
    assertTrue(diffs.isEmpty(), name + " copy differs:\n" + String.join("\n", diffs));
    // HDF5-level structure of every data file equals the reference's, except sizes that depend on write calls
    String ch = expected.path("channels").fieldNames().next();
    for (JsonNode f : expected.path("channels").path(ch).path("files")) {
      Map<String, String> ref = H5Structure.describe(src.resolve(ch).resolve(f.path("path").asText()));
      Map<String, String> ours = H5Structure.describe(dst.resolve(ch).resolve(f.path("path").asText()));
      assertEquals(ref, ours, name + " " + f.path("path").asText());
    }
    try (var s = Files.walk(dst)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("tmp.")), "temp files left behind");
    }
  }

  @Test
  void continuousCopyWithChecksumEqualsTheChunkedReferenceFixture() {
    Path d = SharedData.path("fixtures/drf/d_real_f32_fill_edges");
    Path f = SharedData.path("fixtures/drf/f_real_f32_cont_chunked");
    Path dst = tmp.resolve("d_checksum");
    DrfCopy.copy(d, dst, new DrfCopy.Options(null, true, null, null, null, null, null), m -> { });
    JsonNode expected = DrfDump.dump(f, "f").path("channels").path("edge");
    JsonNode actual = DrfDump.dump(dst, "copy").path("channels").path("edge");
    List<String> diffs = JsonCompare.diff(expected, actual, Set.of(".files[].computer_time", ".files[].uuid_str"));
    assertTrue(diffs.isEmpty(), String.join("\n", diffs));
    Map<String, String> ref = H5Structure.describe(f.resolve("edge/2024-04-08T23-59-00/rf@1712620780.000.h5"));
    Map<String, String> ours = H5Structure.describe(dst.resolve("edge/2024-04-08T23-59-00/rf@1712620780.000.h5"));
    assertEquals(ref, ours);
  }

  @Test
  void recadenceRecompressAndCutKeepSamples() {
    Path a = SharedData.path("fixtures/drf/a_iq_int16_20k_gapped");
    Path dst = tmp.resolve("a10s");
    DrfCopy.copy(a, dst, new DrfCopy.Options(6, false, 10_000L, 60L, null, null, null), m -> { });
    JsonNode src = DrfDump.dump(a, "a").path("channels").path("ch0");
    JsonNode out = DrfDump.dump(dst, "b").path("channels").path("ch0");
    assertEquals(src.path("sha256"), out.path("sha256"));
    assertEquals(src.path("blocks"), out.path("blocks"));
    assertEquals(60, out.path("properties").path("subdir_cadence_secs").asLong());
    // 120 s minus the whole-file gaps (30-35 s and 58-62 s leave partial files only): 12 files, two subdirs
    assertEquals(12, out.path("files").size());
    assertTrue(Files.isDirectory(dst.resolve("ch0/2024-04-08T18-01-00")));

    Path cut = tmp.resolve("cut");
    long from = 34251984000000L + 20 * 20000L;
    long to = 34251984000000L + 65 * 20000L;
    DrfCopy.copy(a, cut, new DrfCopy.Options(null, null, null, null, null, from, to), m -> { });
    try (DrfChannelReader r = DigitalRfReader.channel(cut, "ch0")) {
      assertEquals(List.of(new DrfBlock(from, 200000), new DrfBlock(34251984700000L, 460000),
          new DrfBlock(34251985240000L, 60000)), r.continuousBlocks());
    }
    DigitalMetadataReader md = DigitalMetadataReader.open(cut.resolve("ch0/metadata"));
    // the record in force at `from` (segment 0) is carried, then segments 1 and 2
    assertEquals(List.of(34251984000000L, 34251984700000L, 34251985240000L),
        md.records().stream().map(DigitalMetadataReader.Record::sample).toList());
  }
}

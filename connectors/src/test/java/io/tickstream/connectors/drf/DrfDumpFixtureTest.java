package io.tickstream.connectors.drf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstream.core.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code drf dump --json} of every reference fixture equals its ground-truth JSON, field by field. */
class DrfDumpFixtureTest {
  static Stream<String> fixtures() {
    return Stream.of("a_iq_int16_20k_gapped", "b_psws_10hz_cf32", "c_iq_int16_2sub", "d_real_f32_fill_edges",
        "e_be_rational_rate", "f_real_f32_cont_chunked");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void dumpMatchesGroundTruth(String name) throws Exception {
    Path dir = SharedData.path("fixtures/drf/" + name);
    JsonNode expected = new ObjectMapper().readTree(SharedData.path("fixtures/drf/" + name + ".json").toFile());
    JsonNode actual = DrfDump.dump(dir, "test");
    List<String> diffs = JsonCompare.diff(expected, actual, Set.of(".producer"));
    assertTrue(diffs.isEmpty(), name + " differs from ground truth:\n" + String.join("\n", diffs));
    assertEquals(expected.path("channels").size(), actual.path("channels").size());
  }

  /** The Haystack datasets have no ground-truth JSON; their dump must show the facts in shared/data/README.md. */
  @Test
  void haystackDatasetsDumpTheDocumentedFacts() {
    JsonNode b210 = DrfDump.dump(SharedData.path("data/drf/haystack_example_b210_noise_2019-08-29"), "test");
    JsonNode ch0 = b210.path("channels").path("ch0");
    assertEquals(15671057000000L, ch0.path("bounds").path(0).asLong());
    assertEquals("2019-08-29T19:08:20Z", ch0.path("bounds_utc").path(0).asText());
    assertEquals(10000, ch0.path("num_samples").asLong());
    assertEquals(1, ch0.path("fill_samples").asLong()); // the first sample is the sc16 fill (-32768, -32768)
    assertEquals("[('r', '<i2'), ('i', '<i2')]", ch0.path("numpy_dtype").asText());
    assertEquals(1000, ch0.path("properties").path("file_cadence_millisecs").asLong());
    assertEquals(List.of("2019-08-29T19-00-00/rf@1567105700.000.h5"),
        ch0.path("files").findValuesAsText("path"));
    JsonNode md = b210.path("metadata_channels").path("ch0/metadata");
    assertEquals(15671057000001L, md.path("records").path(0).path("sample").asLong());
    assertTrue(md.path("records").path(0).path("values").has("description"));
    assertEquals(64, ch0.path("sha256").asText().length());

    JsonNode syn = DrfDump.dump(SharedData.path("data/drf/haystack_synthetic_sc16_gap_2014-03-09"), "test")
        .path("channels").path("sc16_x1_n200_d3_10s_1000ms_c0");
    assertEquals(200, syn.path("sample_rate_numerator").asLong());
    assertEquals(3, syn.path("sample_rate_denominator").asLong());
    assertFalse(syn.path("is_continuous").asBoolean());
    assertEquals(798, syn.path("num_samples").asLong());
    assertEquals(92957882000L, syn.path("bounds").path(0).asLong());
    assertEquals(14, syn.path("files").size());
    assertEquals("[166,67,27,538]", syn.path("block_sample_counts").toString());
  }
}

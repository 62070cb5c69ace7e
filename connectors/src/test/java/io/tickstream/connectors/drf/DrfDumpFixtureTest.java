package io.tickstream.connectors.drf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstream.core.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
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
}

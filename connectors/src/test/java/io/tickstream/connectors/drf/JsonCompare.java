package io.tickstream.connectors.drf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Field-by-field JSON comparison (integers vs floats kept distinct); lists every difference with its path. */
final class JsonCompare {
  private JsonCompare() {}

  static List<String> diff(JsonNode expected, JsonNode actual, Set<String> ignoredPaths) {
    List<String> out = new ArrayList<>();
    diff("", expected, actual, ignoredPaths, out);
    return out;
  }

  private static void diff(String path, JsonNode e, JsonNode a, Set<String> ignored, List<String> out) {
    if (ignored.contains(path) || ignored.contains(path.replaceAll("\\[\\d+]", "[]"))) {
      return;
    }
    if (a == null || a.isMissingNode()) {
      out.add(path + ": missing (expected " + e + ")");
      return;
    }
    if (e.isObject()) {
      if (!a.isObject()) {
        out.add(path + ": expected object, got " + a);
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        diff(path + "." + f.getKey(), f.getValue(), a.get(f.getKey()), ignored, out);
      }
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!e.has(k) && !ignored.contains(path + "." + k)) {
          out.add(path + "." + k + ": unexpected field");
        }
      }
    } else if (e.isArray()) {
      if (!a.isArray() || a.size() != e.size()) {
        out.add(path + ": expected array of " + e.size() + ", got " + (a.isArray() ? a.size() + " elements" : a));
        return;
      }
      for (int i = 0; i < e.size(); i++) {
        diff(path + "[" + i + "]", e.get(i), a.get(i), ignored, out);
      }
    } else if (e.isNumber()) {
      boolean same = a.isNumber() && e.isIntegralNumber() == a.isIntegralNumber()
          && (e.isIntegralNumber() ? e.bigIntegerValue().equals(a.bigIntegerValue())
              : Double.compare(e.doubleValue(), a.doubleValue()) == 0);
      if (!same) {
        out.add(path + ": expected " + e + ", got " + a);
      }
    } else if (!e.equals(a)) {
      out.add(path + ": expected " + e + ", got " + a);
    }
  }
}

package io.tickstream.connectors.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of ../shared/docs/SCHEMA_SEED.sql, parsed from the file itself so the migration tests
 * check against the user's seed and not against a copy: column names, seed types, NOT NULL, and the
 * UNIQUE column sets (inline and table-level).
 */
record SeedSchema(Map<String, Table> tables, List<String> indexes, List<String> views) {

  record Column(String name, String type, boolean notNull) {}

  record Table(String name, Map<String, Column> columns, List<Set<String>> uniqueKeys) {}

  private static final Pattern CREATE_TABLE =
      Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+)\\((.*?)\\n\\);", Pattern.DOTALL);
  private static final Pattern INDEX = Pattern.compile("CREATE INDEX IF NOT EXISTS (\\w+)");
  private static final Pattern VIEW = Pattern.compile("CREATE OR REPLACE VIEW (\\w+)");
  private static final Pattern TYPE = Pattern.compile(
      "^(DOUBLE PRECISION|BIGSERIAL|SERIAL|BIGINT|INT|TEXT|BOOLEAN|TIMESTAMPTZ|JSONB|DATE)\\b(.*)$");

  static SeedSchema parse(Path file) throws IOException {
    String sql = Files.readString(file).replaceAll("--[^\\n]*", "");
    Map<String, Table> tables = new LinkedHashMap<>();
    Matcher m = CREATE_TABLE.matcher(sql);
    while (m.find()) {
      Map<String, Column> cols = new LinkedHashMap<>();
      List<Set<String>> uniques = new ArrayList<>();
      for (String part : splitTopLevel(m.group(2))) {
        String p = part.trim();
        String upper = p.toUpperCase(Locale.ROOT);
        if (upper.startsWith("UNIQUE(")) {
          uniques.add(names(p.substring(p.indexOf('(') + 1, p.lastIndexOf(')'))));
        } else if (upper.startsWith("CHECK(") || upper.startsWith("PRIMARY KEY")) {
          continue;
        } else {
          String name = p.split("\\s+")[0];
          Matcher t = TYPE.matcher(p.substring(name.length()).trim());
          if (!t.matches()) {
            throw new IllegalStateException("unparsed seed column: " + p);
          }
          String rest = t.group(2).toUpperCase(Locale.ROOT);
          cols.put(name, new Column(name, t.group(1), rest.contains("NOT NULL")));
          if (rest.matches(".*\\bUNIQUE\\b.*")) {
            uniques.add(Set.of(name));
          }
        }
      }
      tables.put(m.group(1), new Table(m.group(1), cols, uniques));
    }
    List<String> indexes = INDEX.matcher(sql).results().map(r -> r.group(1)).toList();
    List<String> views = VIEW.matcher(sql).results().map(r -> r.group(1)).toList();
    return new SeedSchema(tables, indexes, views);
  }

  private static Set<String> names(String csv) {
    Set<String> s = new LinkedHashSet<>();
    for (String n : csv.split(",")) {
      s.add(n.trim());
    }
    return s;
  }

  private static List<String> splitTopLevel(String body) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char ch : body.toCharArray()) {
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      }
      if (ch == ',' && depth == 0) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (!cur.toString().isBlank()) {
      parts.add(cur.toString());
    }
    return parts;
  }

  /** The type PostgreSQL reports in information_schema.columns.data_type for a seed type. */
  static String postgresType(String seedType) {
    return switch (seedType) {
      case "SERIAL", "INT" -> "integer";
      case "BIGSERIAL", "BIGINT" -> "bigint";
      case "TEXT" -> "text";
      case "BOOLEAN" -> "boolean";
      case "TIMESTAMPTZ" -> "timestamp with time zone";
      case "DOUBLE PRECISION" -> "double precision";
      case "JSONB" -> "jsonb";
      case "DATE" -> "date";
      default -> throw new IllegalArgumentException(seedType);
    };
  }

  /** The declared SQLite type for a seed type (mapping documented in docs/STORAGE.md). */
  static String sqliteType(String seedType) {
    return switch (seedType) {
      case "SERIAL", "INT", "BIGSERIAL", "BIGINT", "BOOLEAN" -> "INTEGER";
      case "TEXT", "TIMESTAMPTZ", "JSONB", "DATE" -> "TEXT";
      case "DOUBLE PRECISION" -> "REAL";
      default -> throw new IllegalArgumentException(seedType);
    };
  }
}

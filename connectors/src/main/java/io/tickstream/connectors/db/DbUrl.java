package io.tickstream.connectors.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code DB_URL}. Accepted forms:
 * <ul>
 *   <li>{@code postgresql://user:pass@host:port/db[?params]} (also {@code postgres://}); user,
 *       password and port are optional</li>
 *   <li>{@code jdbc:postgresql://...} (passed to the driver unchanged)</li>
 *   <li>{@code sqlite:///abs/path.db} (absolute), {@code sqlite:relative.db} (relative to the working
 *       directory) and {@code jdbc:sqlite:path}</li>
 * </ul>
 *
 * @param dialect database kind
 * @param jdbcUrl URL for the JDBC driver (no user/password for the {@code postgresql://} form)
 * @param user user name or null
 * @param password password or null
 * @param original the URL as given
 */
public record DbUrl(Dialect dialect, String jdbcUrl, String user, String password, String original) {

  private static final Pattern PG_URL = Pattern.compile(
      "^postgres(?:ql)?://(?:(?<user>[^:@/]*)(?::(?<pass>[^@/]*))?@)?(?<host>[^:/?@]+)(?::(?<port>\\d+))?/(?<db>[^?/]+)(?<query>\\?.*)?$");
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^:@/]*:)[^@/]*@");
  static final String FORMS = "expected postgresql://user:pass@host:port/db, jdbc:postgresql://host:port/db,"
      + " sqlite:///absolute/path.db or sqlite:relative/path.db";

  /** Parses a DB_URL; throws {@link IllegalArgumentException} naming the (masked) URL and the accepted forms. */
  public static DbUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("DB_URL is empty: " + FORMS);
    }
    String u = url.trim();
    if (u.startsWith("jdbc:postgresql:")) {
      if (!u.startsWith("jdbc:postgresql://") || u.length() <= "jdbc:postgresql://".length()) {
        throw bad(u, "jdbc:postgresql URL needs //host[:port]/database");
      }
      return new DbUrl(Dialect.POSTGRESQL, u, null, null, u);
    }
    if (u.startsWith("postgresql:") || u.startsWith("postgres:")) {
      Matcher m = PG_URL.matcher(u);
      if (!m.matches()) {
        throw bad(u, "PostgreSQL URL needs host and database name");
      }
      String port = m.group("port") == null ? "" : ":" + m.group("port");
      String query = m.group("query") == null ? "" : m.group("query");
      String jdbc = "jdbc:postgresql://" + m.group("host") + port + "/" + m.group("db") + query;
      return new DbUrl(Dialect.POSTGRESQL, jdbc, decode(m.group("user")), decode(m.group("pass")), u);
    }
    if (u.startsWith("jdbc:sqlite:")) {
      return sqlite(u.substring("jdbc:sqlite:".length()), u);
    }
    if (u.startsWith("sqlite:")) {
      String rest = u.substring("sqlite:".length());
      if (rest.startsWith("///")) {
        rest = rest.substring(2);
      } else if (rest.startsWith("//")) {
        throw bad(u, "use sqlite:///absolute/path.db (three slashes) or sqlite:relative/path.db");
      }
      return sqlite(rest, u);
    }
    throw bad(u, "unknown scheme");
  }

  private static DbUrl sqlite(String path, String original) {
    if (path.isBlank() || path.startsWith(":memory:") || path.contains("?")) {
      throw bad(original, "SQLite needs a file path (in-memory databases and URL parameters are not supported)");
    }
    return new DbUrl(Dialect.SQLITE, "jdbc:sqlite:" + path, null, null, original);
  }

  private static String decode(String s) {
    return s == null || s.isEmpty() ? null : URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException bad(String url, String why) {
    return new IllegalArgumentException("invalid DB_URL '" + mask(url) + "': " + why + " (" + FORMS + ")");
  }

  /** The SQLite database file, or null for PostgreSQL. */
  public Path sqliteFile() {
    return dialect == Dialect.SQLITE ? Path.of(jdbcUrl.substring("jdbc:sqlite:".length())) : null;
  }

  /** The URL as given, with any password replaced by {@code ***}; safe to log and to show in the API. */
  public String masked() {
    return mask(original);
  }

  /** Masks passwords in a URL (user-info {@code user:pass@} and {@code password=} parameters). */
  public static String mask(String url) {
    if (url == null) {
      return null;
    }
    String s = USERINFO_PASSWORD.matcher(url).replaceAll("$1***@");
    return PASSWORD_PARAM.matcher(s).replaceAll("$1***");
  }

  @Override
  public String toString() {
    return masked();
  }
}

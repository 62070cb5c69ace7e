package io.tickstream.connectors.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DbUrlTest {

  @Test
  void postgresUrlWithCredentialsBecomesJdbcUrlWithSeparateUserAndPassword() {
    DbUrl u = DbUrl.parse("postgresql://tick:s3cr%40t@db.example:5433/tickstream?sslmode=require");
    assertEquals(Dialect.POSTGRESQL, u.dialect());
    assertEquals("jdbc:postgresql://db.example:5433/tickstream?sslmode=require", u.jdbcUrl());
    assertEquals("tick", u.user());
    assertEquals("s3cr@t", u.password());
    assertEquals("postgresql://tick:***@db.example:5433/tickstream?sslmode=require", u.masked());
    assertFalse(u.toString().contains("s3cr"));
  }

  @Test
  void postgresUrlWithoutCredentialsOrPort() {
    DbUrl u = DbUrl.parse("postgres://localhost/ts");
    assertEquals("jdbc:postgresql://localhost/ts", u.jdbcUrl());
    assertNull(u.user());
    assertNull(u.password());
  }

  @Test
  void jdbcPostgresIsPassedThroughAndItsPasswordParameterMasked() {
    DbUrl u = DbUrl.parse("jdbc:postgresql://h:5432/db?user=a&password=hunter2&ssl=true");
    assertEquals("jdbc:postgresql://h:5432/db?user=a&password=hunter2&ssl=true", u.jdbcUrl());
    assertEquals("jdbc:postgresql://h:5432/db?user=a&password=***&ssl=true", u.masked());
  }

  @Test
  void sqliteAbsoluteAndRelativeForms() {
    DbUrl abs = DbUrl.parse("sqlite:///var/lib/tickstream/ts.db");
    assertEquals(Dialect.SQLITE, abs.dialect());
    assertEquals("jdbc:sqlite:/var/lib/tickstream/ts.db", abs.jdbcUrl());
    assertEquals(Path.of("/var/lib/tickstream/ts.db"), abs.sqliteFile());
    DbUrl rel = DbUrl.parse("sqlite:data/ts.db");
    assertEquals(Path.of("data/ts.db"), rel.sqliteFile());
    assertEquals("jdbc:sqlite:x.db", DbUrl.parse("jdbc:sqlite:x.db").jdbcUrl());
  }

  @Test
  void badUrlsFailNamingTheUrlAndTheAcceptedForms() {
    for (String bad : new String[] {"", "mysql://h/db", "postgresql://user:pw@/db", "postgresql://host",
        "sqlite:", "sqlite::memory:", "sqlite://host/x.db", "jdbc:postgresql:db"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DbUrl.parse(bad), bad);
      assertTrue(e.getMessage().contains("sqlite:///"), e.getMessage());
      assertFalse(e.getMessage().contains(":pw@"), "password leaked: " + e.getMessage());
    }
  }

  @Test
  void databaseOpenRejectsABadUrlBeforeConnecting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Database.open("oracle://x/y"));
    assertTrue(e.getMessage().contains("oracle://x/y"));
  }
}

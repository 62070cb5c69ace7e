package io.tickstream.jobs.hf.psws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.cli.TickstreamCli;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tickstream psws upload} against an in-JVM Apache MINA SSHD sftp server on loopback (DOMAIN.md §4.2). */
class PswsUploaderTest {
  private static final String STATION = PswsPackagerTest.STATION;
  private static final String TRIGGER = "cOBS2025-06-15T00-00_#172_#\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}";

  @TempDir Path tmp;
  private SshServer server;
  private Path serverRoot;
  private Path key;
  private Path knownHosts;
  private Path out;
  private Path toml;

  @BeforeEach
  void startServer() throws Exception {
    serverRoot = Files.createDirectories(tmp.resolve("server"));
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair client = g.generateKeyPair();
    key = tmp.resolve("id_ecdsa");
    try (OutputStream o = Files.newOutputStream(key)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "test", null, o);
    }
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(tmp.resolve("hostkey.ser"));
    hostKeys.setAlgorithm("EC");
    server.setKeyPairProvider(hostKeys);
    server.setPublickeyAuthenticator(new KeySetPublickeyAuthenticator("psws-test", List.of(client.getPublic())));
    server.setFileSystemFactory(new VirtualFileSystemFactory(serverRoot));
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    server.start();
    PublicKey hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
    knownHosts = tmp.resolve("known_hosts");
    Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey) + "\n");
    out = tmp.resolve("psws");
    toml = tmp.resolve("station.toml");
    Files.writeString(toml, STATION);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.stop(true);
  }

  /** A package-shaped tree (the uploader sends files as they are): ch0 with subdirectories, gap summary. */
  private Path fakePackage(String day) throws Exception {
    Path obs = out.resolve("AC0G_EM38ww/rx888@S000123_172/OBS" + day + "T00-00");
    Random r = new Random(day.hashCode());
    for (String f : List.of("ch0/drf_properties.h5", "ch0/" + day + "T00-00-00/rf@1749945600.000.h5",
        "ch0/" + day + "T00-00-00/rf@1749949200.000.h5", "ch0/metadata/dmd_properties.h5",
        "ch0/metadata/" + day + "T00-00-00/metadata@1749945600.h5", "gap_summary.json")) {
      byte[] b = new byte[1000 + r.nextInt(200_000)];
      r.nextBytes(b);
      Files.createDirectories(obs.resolve(f).getParent());
      Files.write(obs.resolve(f), b);
    }
    return obs;
  }

  private int cli(StringWriter so, StringWriter se, String day) {
    CommandLine cl = new CommandLine(new TickstreamCli());
    cl.setOut(new PrintWriter(so, true));
    cl.setErr(new PrintWriter(se, true));
    return cl.execute("psws", "upload", "--data-dir", tmp.resolve("data").toString(), "--date", day,
        "--config", toml.toString(), "--out", out.toString(), "--key", key.toString(), "--host", "127.0.0.1",
        "--port", Integer.toString(server.getPort()), "--known-hosts", knownHosts.toString());
  }

  private List<String> serverEntries() throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(serverRoot)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    }
    return names.stream().sorted().toList();
  }

  @Test
  void uploadsTheTreeThenTheTriggerAndNeverTwice() throws Exception {
    Path obs = fakePackage("2025-06-15");
    StringWriter so = new StringWriter();
    StringWriter se = new StringWriter();
    assertEquals(0, cli(so, se, "2025-06-15"), so + "\n" + se);
    System.out.println(so);

    List<String> top = serverEntries();
    assertEquals(2, top.size(), top.toString());
    assertEquals("OBS2025-06-15T00-00", top.get(0));
    assertTrue(top.get(1).matches(TRIGGER), "trigger directory " + top.get(1));
    assertTrue(Files.isDirectory(serverRoot.resolve(top.get(1))));
    try (Stream<Path> s = Files.walk(obs)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path remote = serverRoot.resolve("OBS2025-06-15T00-00").resolve(obs.relativize(p).toString());
        assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(remote), "uploaded " + remote);
      }
    }
    Path marker = PswsUploader.markerFile(obs);
    assertTrue(Files.readString(marker).contains("trigger=" + top.get(1)), Files.readString(marker));
    assertTrue(so.toString().contains(top.get(1)) && so.toString().contains("6 files"), so.toString());

    // the day is shipped: a second run sends nothing (no second trigger)
    StringWriter so2 = new StringWriter();
    assertEquals(0, cli(so2, new StringWriter(), "2025-06-15"));
    assertTrue(so2.toString().contains("already uploaded"), so2.toString());
    assertEquals(top, serverEntries());
  }

  @Test
  void aFailedPutLeavesNoTriggerAndNoMarker() throws Exception {
    Path obs = fakePackage("2025-06-15");
    // a plain file where the package's ch0 directory must go: mkdir fails part-way through
    Files.createDirectories(serverRoot.resolve("OBS2025-06-15T00-00"));
    Files.writeString(serverRoot.resolve("OBS2025-06-15T00-00/ch0"), "in the way");
    StringWriter se = new StringWriter();
    assertNotEquals(0, cli(new StringWriter(), se, "2025-06-15"));
    assertTrue(se.toString().contains("OBS2025-06-15T00-00/ch0"), se.toString());
    assertEquals(List.of("OBS2025-06-15T00-00"), serverEntries(), "no trigger directory after a failure");
    assertFalse(Files.exists(PswsUploader.markerFile(obs)), "no marker after a failure");

    // fixed on the server: the retry uploads everything and triggers
    Files.delete(serverRoot.resolve("OBS2025-06-15T00-00/ch0"));
    assertEquals(0, cli(new StringWriter(), new StringWriter(), "2025-06-15"));
    assertTrue(serverEntries().get(1).matches(TRIGGER), serverEntries().toString());
    assertTrue(Files.exists(PswsUploader.markerFile(obs)));
  }

  @Test
  void anUnknownHostKeyIsRefused() throws Exception {
    Path obs = fakePackage("2025-06-15");
    Files.writeString(knownHosts, "");
    StringWriter se = new StringWriter();
    assertNotEquals(0, cli(new StringWriter(), se, "2025-06-15"));
    assertTrue(se.toString().contains("authenticate") || se.toString().contains("connect"), se.toString());
    assertEquals(List.of(), serverEntries());
    assertFalse(Files.exists(PswsUploader.markerFile(obs)));
  }

  @Test
  void aMissingPackageIsNamed() {
    StringWriter se = new StringWriter();
    assertNotEquals(0, cli(new StringWriter(), se, "2025-06-16"));
    assertTrue(se.toString().contains("OBS2025-06-16T00-00") && se.toString().contains("psws package"), se.toString());
  }
}

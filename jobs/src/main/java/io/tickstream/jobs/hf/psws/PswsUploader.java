package io.tickstream.jobs.hf.psws;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Uploads one daily PSWS package ({@link PswsPackager}) by sftp the way HamSCI's uploader does
 * (DOMAIN.md §4.2, {@code HamSCI/hs-uploader} {@code PswsDatasetSftp}; §4.1 wsprdaemon):
 *
 * <ol>
 *   <li>the {@code OBS<date>T00-00/} tree, directories first then files, each sorted by path: every
 *       directory {@code mkdir}'d (an existing directory is fine, as sftp's {@code -mkdir}), every file
 *       {@code put};
 *   <li>then the trigger directory {@code c<OBS…>_#<instrument>_#<%Y-%m-%dT%H-%M>} (UTC now) is
 *       created — the PSWS server starts ingesting when it appears and consumes it, so it is
 *       <b>not</b> listed or checked afterwards;
 *   <li>success = every command succeeded; only then is the local marker
 *       {@code <OBS…>.uploaded} written beside the package, and a day with a marker is not uploaded
 *       again. A failure leaves no marker (and no trigger: it is the last command), so a retry
 *       uploads the whole tree again.
 * </ol>
 *
 * <p>Login: user = the PSWS station id, public-key authentication with an OpenSSH private key file
 * (RSA or ECDSA; the key registered with PSWS), server host key checked against a known_hosts file
 * (unknown hosts are refused). sftp's {@code -l} bandwidth limit is not implemented.
 */
public final class PswsUploader {
  public static final String DEFAULT_HOST = "pswsnetwork.eng.ua.edu";
  private static final DateTimeFormatter TRIGGER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm").withZone(ZoneOffset.UTC);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private PswsUploader() {}

  /**
   * Where and as whom to upload.
   *
   * @param host sftp server
   * @param port its port (22)
   * @param user login (the PSWS station id)
   * @param privateKey OpenSSH private key file
   * @param knownHosts known_hosts file holding the server's host key
   */
  public record Target(String host, int port, String user, Path privateKey, Path knownHosts) {}

  /**
   * What an upload did.
   *
   * @param triggerDirectory the trigger directory created (that of the earlier upload when skipped)
   * @param directories directories created or already present
   * @param files files put
   * @param bytes bytes put
   * @param marker the local marker file
   * @param skipped the marker already existed: nothing was sent
   */
  public record Result(String triggerDirectory, int directories, int files, long bytes, Path marker, boolean skipped) {}

  /** The local "shipped" marker of a package directory. */
  public static Path markerFile(Path obsDir) {
    return obsDir.resolveSibling(obsDir.getFileName() + ".uploaded");
  }

  /** {@code c<OBS…>_#<instrument>_#<yyyy-MM-dd'T'HH-mm>} (UTC). */
  public static String triggerName(Path obsDir, String instrumentId, Instant now) {
    return "c" + obsDir.getFileName() + "_#" + instrumentId + "_#" + TRIGGER_TIME.format(now);
  }

  /**
   * Uploads {@code obsDir} (an {@code OBS<date>T00-00} package) unless its marker exists.
   *
   * @throws IllegalArgumentException if {@code obsDir} is not a package
   * @throws IOException naming the step that failed (connection, authentication, directory, file, trigger)
   */
  public static Result upload(Path obsDir, String instrumentId, Target target, Instant now, PrintStream progress)
      throws IOException {
    if (!Files.isDirectory(obsDir.resolve("ch0"))) {
      throw new IllegalArgumentException("no PSWS package at " + obsDir + " (make it with: tickstream psws package)");
    }
    Path marker = markerFile(obsDir);
    if (Files.exists(marker)) {
      String trigger = Files.readAllLines(marker, StandardCharsets.UTF_8).stream()
          .filter(l -> l.startsWith("trigger=")).map(l -> l.substring(8)).findFirst().orElse("");
      return new Result(trigger, 0, 0, 0, marker, true);
    }
    List<Path> dirs = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(obsDir)) {
      s.sorted((a, b) -> remote(obsDir, a).compareTo(remote(obsDir, b))).forEach(p -> (Files.isDirectory(p) ? dirs : files).add(p));
    }
    String trigger = triggerName(obsDir, instrumentId, now);
    long bytes = 0;
    try (SshClient client = SshClient.setUpDefaultClient()) {
      client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, target.knownHosts()));
      client.setKeyIdentityProvider(new FileKeyPairProvider(target.privateKey()));
      client.start();
      String where = target.user() + "@" + target.host() + ":" + target.port();
      try (ClientSession session = step("connect to " + where,
          () -> client.connect(target.user(), target.host(), target.port()).verify(TIMEOUT).getSession())) {
        step("authenticate " + where + " with " + target.privateKey() + " (host key checked against "
            + target.knownHosts() + ")", () -> session.auth().verify(TIMEOUT));
        try (SftpClient sftp = step("open sftp on " + where, () -> SftpClientFactory.instance().createSftpClient(session))) {
          for (Path d : dirs) {
            String r = remote(obsDir, d);
            step("mkdir " + r, () -> mkdirQuiet(sftp, r));
          }
          int k = 0;
          for (Path f : files) {
            String r = remote(obsDir, f);
            long size = Files.size(f);
            step("put " + r, () -> {
              try (OutputStream out = sftp.write(r)) {
                Files.copy(f, out);
              }
              return null;
            });
            bytes += size;
            k++;
            if (progress != null) {
              progress.printf("\rput %d/%d files (%.1f MB)", k, files.size(), bytes / 1e6);
            }
          }
          if (progress != null && !files.isEmpty()) {
            progress.println();
          }
          step("mkdir trigger " + trigger, () -> {
            sftp.mkdir(trigger);
            return null;
          });
        }
      }
    }
    Path tmp = marker.resolveSibling("." + marker.getFileName() + ".tmp");
    Files.writeString(tmp, "trigger=" + trigger + "\nhost=" + target.host() + ":" + target.port() + "\nuser="
        + target.user() + "\ndirectories=" + dirs.size() + "\nfiles=" + files.size() + "\nbytes=" + bytes
        + "\nuploaded_at=" + now + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE);
    return new Result(trigger, dirs.size(), files.size(), bytes, marker, false);
  }

  /** Remote path of a local package path: {@code OBS…/<relative path>} with '/' separators. */
  private static String remote(Path obsDir, Path p) {
    Path rel = obsDir.relativize(p);
    StringBuilder sb = new StringBuilder(obsDir.getFileName().toString());
    for (Path part : rel) {
      if (!part.toString().isEmpty()) {
        sb.append('/').append(part);
      }
    }
    return sb.toString();
  }

  /** sftp {@code -mkdir}: an already existing directory is not an error. */
  private static Void mkdirQuiet(SftpClient sftp, String dir) throws IOException {
    try {
      sftp.mkdir(dir);
    } catch (IOException e) {
      SftpClient.Attributes a;
      try {
        a = sftp.stat(dir);
      } catch (IOException notThere) {
        throw e;
      }
      if (!a.isDirectory()) {
        throw new IOException(dir + " exists on the server and is not a directory", e);
      }
    }
    return null;
  }

  private interface Step<T> {
    T run() throws IOException;
  }

  private static <T> T step(String what, Step<T> s) throws IOException {
    try {
      return s.run();
    } catch (IOException | RuntimeException e) {
      throw new IOException("psws upload failed at: " + what + ": " + e.getMessage(), e);
    }
  }
}

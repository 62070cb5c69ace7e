package io.tickstream.connectors.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstream.core.mesh.MeshProbe;
import io.tickstream.core.mesh.RobustStats;
import io.tickstream.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importers against the real logs in ../shared/data/ntp and their answer keys (data/README.md). */
class NtpLogParserTest {

  private static final Path CHRONY = SharedData.path("data/ntp/chrony_gps_pps_2021");
  private static final Path PEERSTATS = SharedData.path("data/ntp/ntpd_pfsense_gps/peerstats");

  @Test
  void everyMeasurementsRowMatchesThePublishersCsv() throws IOException {
    Path log = CHRONY.resolve("measurements.log");
    assertEquals(NtpLogParser.Format.CHRONY_MEASUREMENTS, NtpLogParser.detect(log));
    NtpLogParser.Result<ChronyMeasurement> r = NtpLogParser.chronyMeasurements(log);
    assertEquals(List.of(), r.errors());
    List<String> csv = Files.readAllLines(CHRONY.resolve("measurements.log.csv"));
    assertTrue(csv.get(0).startsWith("date,time,ip,"));
    assertEquals(467, r.rows().size());
    assertEquals(csv.size() - 1, r.rows().size());
    for (int i = 0; i < r.rows().size(); i++) {
      String[] f = csv.get(i + 1).split(",");
      ChronyMeasurement m = r.rows().get(i);
      String where = "row " + (i + 1);
      assertEquals(Instant.parse(f[0] + "T" + f[1] + "Z").toEpochMilli() * 1_000_000L, m.tUtcNs(), where);
      assertEquals(f[2], m.source(), where);
      assertEquals(f[3].charAt(0), m.leap(), where);
      assertEquals(Integer.parseInt(f[4]), m.stratum(), where);
      assertEquals(f[5], m.tests123(), where);
      assertEquals(f[6], m.tests567(), where);
      assertEquals(f[7], m.testsAbcd(), where);
      assertEquals(Integer.parseInt(f[8]), m.localPoll(), where);
      assertEquals(Integer.parseInt(f[9]), m.remotePoll(), where);
      assertEquals(Double.parseDouble(f[10]), m.score(), where);
      assertEquals(Double.parseDouble(f[11]), m.offsetS(), where);
      assertEquals(Double.parseDouble(f[12]), m.peerDelayS(), where);
      assertEquals(Double.parseDouble(f[13]), m.peerDispersionS(), where);
      assertEquals(Double.parseDouble(f[14]), m.rootDelayS(), where);
      assertEquals(Double.parseDouble(f[15]), m.rootDispersionS(), where);
      assertEquals(f[16], m.refId(), where);
      assertEquals(f[17], m.mode(), where);
      assertEquals(f[18], m.txSource(), where);
      assertEquals(f[19], m.rxSource(), where);
    }
    // first row as a probe: NTP sign convention kept, ms units
    MeshProbe p = r.rows().get(0).toProbe("gps-host");
    assertEquals("129.6.15.29", p.server());
    assertEquals(-2.060, p.offsetMeanMs(), 1e-12);
    assertEquals(30.78, p.rttMeanMs(), 1e-12);
    assertEquals(Instant.parse("2021-12-19T05:01:15Z").toEpochMilli() * 1_000_000L, p.tUtcNs());
  }

  @Test
  void statisticsLogParsesWithChronySignConventionInverted() throws IOException {
    Path log = CHRONY.resolve("statistics.log");
    assertEquals(NtpLogParser.Format.CHRONY_STATISTICS, NtpLogParser.detect(log));
    NtpLogParser.Result<ChronyStatistic> r = NtpLogParser.chronyStatistics(log);
    assertEquals(List.of(), r.errors());
    assertEquals(26_563, r.rows().size());
    ChronyStatistic first = r.rows().get(0);
    assertEquals("GPS", first.source());
    assertEquals(-1.290e-02, first.estOffsetS());
    assertEquals(9, first.nSamples());
    assertEquals(0.00, first.asymmetry());
    MeshProbe p = first.toProbe("gps-host");
    assertEquals(+12.90, p.offsetMeanMs(), 1e-12, "statistics.log: positive = local fast, so θ = −est offset");
    assertEquals(8.316e-04 * 1e3, p.offsetStdErrMs(), 1e-12);
    assertEquals(9, p.samples());
  }

  @Test
  void peerstatsMediansMatchTheReadme() throws IOException {
    assertEquals(NtpLogParser.Format.NTPD_PEERSTATS, NtpLogParser.detect(PEERSTATS));
    NtpLogParser.Result<NtpdPeerstat> r = NtpLogParser.peerstats(PEERSTATS);
    assertEquals(List.of(), r.errors());
    assertEquals(11_699, r.rows().size());
    assertEquals(0.563, medianOffsetMs(r.rows(), "132.163.97.1"), 0.0005);
    assertEquals(0.615, medianOffsetMs(r.rows(), "132.163.97.2"), 0.0005);
    assertEquals(0.558, medianOffsetMs(r.rows(), "132.163.97.4"), 0.0005);
    double[] delays = r.rows().stream().filter(p -> !p.isRefclock()).mapToDouble(p -> p.delayS() * 1e3).toArray();
    assertEquals(50.0, RobustStats.median(delays), 0.05);
    // MJD 61016 = 2025-12-07
    assertEquals(Instant.parse("2025-12-07T00:00:02.877Z").toEpochMilli() * 1_000_000L, r.rows().get(0).tUtcNs());
  }

  @Test
  void badLinesAreReportedWithLineNumberAndGoodLinesKept(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("peerstats");
    Files.writeString(f, String.join("\n",
        "61016 2.877 132.163.97.1 9614 0.000563 0.050000 0.001 0.0002",
        "61016 x.877 132.163.97.1 9614 0.000563 0.050000 0.001 0.0002",
        "61016 10.877 132.163.97.1 9614 NaN 0.050000 0.001 0.0002",
        "61016 18.877 132.163.97.2",
        "61016 26.877 132.163.97.4 9614 0.000558 0.049000 0.001 0.0002", ""));
    NtpLogParser.Result<NtpdPeerstat> r = NtpLogParser.peerstats(f);
    assertEquals(2, r.rows().size());
    assertEquals(3, r.errors().size());
    assertTrue(r.errors().get(0).startsWith("peerstats:2: seconds 'x.877'"), r.errors().get(0));
    assertTrue(r.errors().get(1).contains(":3: offset 'NaN'"), r.errors().get(1));
    assertTrue(r.errors().get(2).contains(":4: peerstats line has 3 columns"), r.errors().get(2));
  }

  @Test
  void trackingLogIsRefusedWithAReason() {
    IOException e = assertThrows(IOException.class, () -> NtpLogParser.detect(CHRONY.resolve("tracking.log")));
    assertTrue(e.getMessage().contains("tracking.log"), e.getMessage());
  }

  private static double medianOffsetMs(List<NtpdPeerstat> rows, String peer) {
    return RobustStats.median(rows.stream().filter(p -> p.peer().equals(peer)).mapToDouble(p -> p.offsetS() * 1e3).toArray());
  }
}

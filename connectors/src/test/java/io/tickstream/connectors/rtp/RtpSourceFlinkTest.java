package io.tickstream.connectors.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The FLIP-27 source in a MiniCluster, fed over real UDP on loopback. */
class RtpSourceFlinkTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @Test
  void emitsEveryArrivedPacketOnceWithExplicitGaps() throws Exception {
    int dataPort = UdpPorts.free();
    int statusPort = UdpPorts.free();
    RtpSourceConfig cfg = new RtpSourceConfig(RtpEndpoints.unicast("127.0.0.1", dataPort, statusPort),
        RtpReceiverLoopbackTest.declaredFromStatus(), RtpIngestOptions.DEFAULTS, false, 1024, 1500);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2); // the second reader gets no split and finishes
    CompletableFuture<List<RtpBlock>> result = CompletableFuture.supplyAsync(() -> {
      List<RtpBlock> out = new ArrayList<>();
      try (CloseableIterator<RtpBlock> it = env.fromSource(new RtpSource(cfg), WatermarkStrategy.noWatermarks(), "rtp")
          .executeAndCollect()) {
        it.forEachRemaining(out::add);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
      return out;
    });
    UdpPorts.awaitBound(dataPort, 60_000, result);
    UdpPorts.awaitBound(statusPort, 60_000, result);
    SentLog log = new SentLog();
    RtpSimulator sim = new RtpSimulator(RtpReceiverLoopbackTest.twoChannels(), RtpReceiverLoopbackTest.START_NS,
        4_000_000_000L, new RtpSimulator.Impairments(0.05, 0.01, 32, 0, 0), 25, 7);
    try (DatagramSocket s = new DatagramSocket()) {
      sim.send(s, new InetSocketAddress("127.0.0.1", dataPort), new InetSocketAddress("127.0.0.1", statusPort),
          RtpSimulator.Pacing.rate(4000), log);
    }
    List<RtpBlock> blocks = result.get();
    for (SimChannel ch : RtpReceiverLoopbackTest.twoChannels()) {
      RtpReceiverLoopbackTest.verifyChannel(ch, blocks, log);
    }
    assertEquals(log.uniqueByIndex.values().stream().mapToInt(m -> m.size()).sum(), blocks.size());
  }
}

package io.tickstream.jobs.hf;

import io.tickstream.connectors.rtp.IqSignal;
import io.tickstream.connectors.rtp.RtpEncoding;
import io.tickstream.connectors.rtp.RtpSimulator;
import io.tickstream.connectors.rtp.SimChannel;
import io.tickstream.connectors.rtp.UdpPorts;
import io.tickstream.core.hf.Station;
import io.tickstream.core.hf.clock.Maidenhead;
import io.tickstream.core.hf.clock.ModePath;
import io.tickstream.core.hf.clock.ParametricIonosphere;
import io.tickstream.core.hf.clock.PropagationMode;
import io.tickstream.core.hf.clock.PropagationModel;
import io.tickstream.core.hf.clock.Transmitter;
import io.tickstream.core.hf.format.BroadcastOptions;
import io.tickstream.core.hf.sim.HfSignalGenerator;
import io.tickstream.core.hf.sim.StationProgram;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * WWV as a receiver at {@code grid} hears it over the 1F path of the solver's own ionosphere, with
 * a known receiver clock offset, as an {@link IqSignal} for the RTP simulator (demo, tests).
 */
public final class SimulatedWwv {
  /** The {@code [[channels]]} entries of a station.toml for the channels {@link #radiod} sends. */
  public static final String STATION_CHANNELS = """
      [[channels]]
      name = "WWV_10_MHz"
      frequency_hz = 10000000
      stations = ["WWV", "WWVH"]
      [[channels]]
      name = "WWV_15_MHz"
      frequency_hz = 15000000
      stations = ["WWV", "WWVH"]
      """;

  private SimulatedWwv() {}

  /** IQ at {@code rateHz} for samples {@code index = t_system·fs}; SNR 30 dB, amplitude 0.5. */
  public static IqSignal signal(String grid, double frequencyMHz, int rateHz, double dClockMs, long atNs, long seed) {
    HfSignalGenerator gen = new HfSignalGenerator(new StationProgram(BroadcastOptions.defaults(), 0.0, false, null));
    ModePath p = new PropagationModel(new ParametricIonosphere())
        .candidates(Transmitter.WWV, Maidenhead.toPoint(grid), frequencyMHz, atNs).stream()
        .filter(m -> m.mode() == PropagationMode.F1).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no 1F path to " + grid + " at " + frequencyMHz + " MHz"));
    var paths = List.of(HfSignalGenerator.Transmission.single(Station.WWV, p.delayMs(), 0.5));
    return (index, frames, iq) -> {
      long t = Math.floorDiv(index, rateHz) * 1_000_000_000L + Math.floorMod(index, rateHz) * 1_000_000_000L / rateHz;
      // a fresh noise seed per packet: the generator's noise restarts with its seed, and noise repeating
      // every packet would be periodic (and coherent with the second ticks)
      var sc = new HfSignalGenerator.Scenario(paths, dClockMs, 30, seed * 1_000_003L + index);
      float[] x = gen.iq(t, frames, rateHz, sc);
      for (int k = 0; k < x.length; k++) {
        iq[k] = x[k];
      }
    };
  }

  /** A simulated radiod with WWV_10_MHz and WWV_15_MHz (float32 IQ, no impairments), paths chosen at {@code atNs}. */
  public static RtpSimulator radiod(String grid, int rateHz, double dClockMs, long startNs, long durationNs, long atNs) {
    return new RtpSimulator(List.of(
        new SimChannel("WWV_10_MHz", 1010, 10e6, rateHz, RtpEncoding.F32LE, 320, 97, 1000, 7,
            signal(grid, 10, rateHz, dClockMs, atNs, 1)),
        new SimChannel("WWV_15_MHz", 1015, 15e6, rateHz, RtpEncoding.F32LE, 320, 97, 5000, 9,
            signal(grid, 15, rateHz, dClockMs, atNs, 2))),
        startNs, durationNs, RtpSimulator.Impairments.NONE, 25, 3);
  }

  /**
   * Runs the job of {@code env} (its RTP source bound to loopback {@code dataPort}/{@code statusPort}),
   * sends {@code sim}'s stream to it and returns when the job has ended (source idle stop).
   */
  public static void runWith(StreamExecutionEnvironment env, String jobName, int dataPort, int statusPort,
      RtpSimulator sim) throws Exception {
    runWith(env, jobName, dataPort, statusPort, sim, RtpSimulator.Pacing.rate(4000));
  }

  /** As {@link #runWith(StreamExecutionEnvironment, String, int, int, RtpSimulator)} with the given pacing. */
  public static void runWith(StreamExecutionEnvironment env, String jobName, int dataPort, int statusPort,
      RtpSimulator sim, RtpSimulator.Pacing pacing) throws Exception {
    CompletableFuture<Void> job = CompletableFuture.runAsync(() -> {
      try {
        env.execute(jobName);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    UdpPorts.awaitBound(dataPort, 120_000, job);
    UdpPorts.awaitBound(statusPort, 120_000, job);
    try (DatagramSocket sock = new DatagramSocket()) {
      sim.send(sock, new InetSocketAddress("127.0.0.1", dataPort), new InetSocketAddress("127.0.0.1", statusPort),
          pacing, p -> {});
    }
    job.get();
  }
}

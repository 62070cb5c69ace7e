package io.tickstream.cli.rtp;

import io.tickstream.connectors.rtp.RtpEndpoints;
import picocli.CommandLine.Option;

/** Where radiod sends: multicast groups (names or addresses) or unicast, ports, interface. */
public final class EndpointOptions {
  @Option(names = "--data-group", paramLabel = "GROUP",
      description = "Multicast group of the RTP data, e.g. wwv-iq.local or 239.1.2.3 (omit for unicast).")
  String dataGroup;

  @Option(names = "--status-group", paramLabel = "GROUP", description = "Multicast group of radiod status, e.g. hf-status.local.")
  String statusGroup;

  @Option(names = "--data-port", defaultValue = "5004", description = "RTP data port (default ${DEFAULT-VALUE}).")
  int dataPort;

  @Option(names = "--status-port", defaultValue = "5006", description = "Status port (default ${DEFAULT-VALUE}).")
  int statusPort;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Unicast: local address to bind (default all).")
  String bind;

  @Option(names = "--interface", paramLabel = "NAME", description = "Network interface for multicast joins.")
  String iface;

  RtpEndpoints endpoints() {
    return new RtpEndpoints(dataGroup, dataPort, statusGroup, statusPort, bind, iface, 8 << 20);
  }
}

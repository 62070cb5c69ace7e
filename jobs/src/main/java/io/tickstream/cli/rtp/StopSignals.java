package io.tickstream.cli.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a stop request instead of the JVM's immediate exit, so a long
 * running command can stop gracefully (the JVM's shutdown hooks would race Flink's own hooks). A second
 * signal while the stop is under way exits at once (status 130). {@link #close()} restores the previous handlers.
 */
final class StopSignals implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  StopSignals(CompletableFuture<String> stopRequest) {
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal s = new Signal(name);
        SignalHandler old = Signal.handle(s, sig -> {
          if (!stopRequest.complete("SIG" + sig.getName())) {
            LOG.warn("second SIG{} while stopping: exiting now (resume uses the newest retained checkpoint)", sig.getName());
            Runtime.getRuntime().halt(130);
          }
        });
        signals.add(s);
        previous.add(old);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        LOG.warn("cannot handle SIG{} here ({}); it will end the process without a savepoint", name, e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}

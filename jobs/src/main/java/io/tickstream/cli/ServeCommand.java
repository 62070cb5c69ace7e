package io.tickstream.cli;

import io.tickstream.api.ApiContext;
import io.tickstream.api.ApiServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tickstream serve}: the HTTP API on the configured database (migrated at start). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the HTTP API (GET /api/health and every installed route module) until interrupted.",
        "Migrates the database first."})
public final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port (0 = any free port; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
  String host;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Stops a running {@link #call()} (also done by Ctrl-C). */
  void stop() {
    stopped.countDown();
  }

  @Override
  public Integer call() throws InterruptedException {
    try (ConfigOptions.Opened opened = config.open();
        ApiServer server = new ApiServer(
            new ApiContext(opened.db(), opened.config(), BuildInfo.version(), BuildInfo.gitCommit()),
            ApiServer.discoverModules())) {
      server.start(host, port);
      spec.commandLine().getOut().println("serving http://" + host + ":" + server.port() + "/api/health (Ctrl-C to stop)");
      spec.commandLine().getOut().flush();
      Thread hook = new Thread(this::stop, "tickstream-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      stopped.await();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // JVM exit in progress: the resources below are closed all the same
      }
    }
    return 0;
  }
}

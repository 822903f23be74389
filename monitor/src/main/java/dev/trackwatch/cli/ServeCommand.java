package dev.trackwatch.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code trackwatch serve}: runs the monitor daemon (HTTP API, health, metrics) against the
 * configured ClickHouse, or against the embedded one with {@code --embedded}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Trackwatch daemon: HTTP API, /health and /prometheus.")
class ServeCommand implements Runnable {

    @Option(names = "--port", description = "HTTP port (default: trackwatch config, 8080).")
    Integer port;

    @Option(names = "--embedded", description = "Use the embedded ClickHouse instead of trackwatch.clickhouse.url.")
    boolean embedded;

    @Option(names = "--data", description = "Data directory of the embedded ClickHouse.")
    String data;

    @Override
    public void run() {
        Map<String, Object> properties = new HashMap<>();
        if (port != null) {
            properties.put("micronaut.server.port", port);
        }
        if (embedded) {
            properties.put("trackwatch.clickhouse.embedded.enabled", true);
        }
        if (data != null) {
            properties.put("trackwatch.clickhouse.embedded.data-dir", data);
        }
        customize(properties);
        runUntilShutdown(properties);
    }

    /** Lets subcommands such as {@code demo} add their own properties. */
    void customize(Map<String, Object> properties) {
    }

    static void runUntilShutdown(Map<String, Object> properties) {
        ApplicationContext context = Micronaut.build(new String[0])
                .mainClass(TrackwatchCli.class)
                .properties(properties)
                .banner(false)
                .start();
        // Micronaut registers its own shutdown hook that stops the context on SIGTERM; a second hook
        // closing it too deadlocks the two (seen in jstack). So we only wait for it to stop.
        try {
            while (context.isRunning()) {
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

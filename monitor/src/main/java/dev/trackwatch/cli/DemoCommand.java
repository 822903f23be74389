package dev.trackwatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code trackwatch demo}: the daemon on the embedded ClickHouse with a live, generated product
 * events table ({@code demo.events}) that carries injected tracking incidents.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Trackwatch on the embedded ClickHouse with generated demo events.")
final class DemoCommand extends ServeCommand {

    @Option(names = "--data-dir", description = "Data directory of the demo (default: ${DEFAULT-VALUE}).",
            defaultValue = "data/demo")
    String demoData;

    @Override
    void customize(Map<String, Object> properties) {
        properties.put("trackwatch.clickhouse.embedded.enabled", true);
        properties.putIfAbsent("trackwatch.clickhouse.embedded.data-dir", demoData);
        properties.put("trackwatch.demo.enabled", true);
        // Without a Slack token the demo's notifications land in an outbox beside its data.
        properties.putIfAbsent("trackwatch.notify.outbox", Path.of(demoData, "outbox.jsonl").toString());
        System.err.println("trackwatch demo: starting on the embedded ClickHouse (data: "
                + properties.get("trackwatch.clickhouse.embedded.data-dir") + "); overview at http://localhost:"
                + properties.getOrDefault("micronaut.server.port", "8080") + "/");
    }
}

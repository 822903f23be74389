package dev.trackwatch.cli;

import dev.trackwatch.embedded.ChdbLocator;
import dev.trackwatch.embedded.EmbeddedClickHouseServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code trackwatch clickhouse}: serves the embedded ClickHouse's HTTP interface on its own, for
 * curl, DBeaver, the JDBC driver or any other ClickHouse client.
 */
@Command(name = "clickhouse", mixinStandardHelpOptions = true,
        description = "Serve the embedded ClickHouse (chDB) over the ClickHouse HTTP interface.")
final class ClickHouseCommand implements Runnable {

    @Option(names = "--data", description = "Data directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:TRACKWATCH_DATA_DIR:-data/clickhouse}")
    Path data;

    @Option(names = "--port", description = "HTTP port, 0 for any free one (default: ${DEFAULT-VALUE}).",
            defaultValue = "8123")
    int port;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--user", description = "User name clients must use (default: ${DEFAULT-VALUE}).",
            defaultValue = "default")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Read the password from this environment variable (default: none).")
    String passwordEnv;

    @Option(names = "--library", description = "Path to libchdb.so (default: TRACKWATCH_CHDB_LIBRARY or the cache).")
    String library;

    @Override
    public void run() {
        String password = passwordEnv == null ? "" : System.getenv().getOrDefault(passwordEnv, "");
        EmbeddedClickHouseServer server = EmbeddedClickHouseServer.start(ChdbLocator.locate(library), data,
                new EmbeddedClickHouseServer.Options(host, port, user, password));
        // Tests and scripts read this line to find the port.
        System.out.println("embedded ClickHouse " + server.engine().version() + " listening on " + server.httpUri()
                + " (data: " + server.engine().dataDir() + ")");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.trackwatch.embedded;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The ClickHouse HTTP interface served over the embedded chDB engine, so that the official JDBC
 * driver, jOOQ, curl and any other ClickHouse HTTP client talk to it exactly as they would talk to
 * a ClickHouse server. It listens on loopback unless told otherwise. Stopping the server leaves
 * the engine open for the rest of the process (see {@link ChdbEngine}).
 */
public final class EmbeddedClickHouseServer implements AutoCloseable {

    /**
     * How to serve.
     *
     * @param bindAddress the address to listen on; loopback by default because the endpoint has
     *                    no TLS and a single user
     * @param port the port, 0 for any free port
     * @param user the one user name accepted
     * @param password the password of that user; empty means none
     */
    public record Options(String bindAddress, int port, String user, String password) {
        /** Loopback, any free port, user {@code default} without a password. */
        public static Options loopback(int port) {
            return new Options("127.0.0.1", port, "default", "");
        }
    }

    static {
        // Without TCP_NODELAY the JDK server's small header and body writes meet the client's delayed
        // ACK and every round trip waits ~40 ms. Read once when the JDK's server classes initialize.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ChdbEngine engine;
    private final HttpServer server;
    private final ExecutorService executor;

    private EmbeddedClickHouseServer(ChdbEngine engine, HttpServer server, ExecutorService executor) {
        this.engine = engine;
        this.server = server;
        this.executor = executor;
    }

    /** Opens (or reuses) the engine on {@code dataDir} and starts serving it. */
    public static EmbeddedClickHouseServer start(Path libraryPath, Path dataDir, Options options) {
        ChdbEngine engine = ChdbEngine.open(libraryPath, dataDir);
        return start(engine, options);
    }

    /** Starts serving an engine that is already open. */
    public static EmbeddedClickHouseServer start(ChdbEngine engine, Options options) {
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName(options.bindAddress()), options.port()), 64);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            server.createContext("/", new ClickHouseHttpHandler(engine, options.user(), options.password()));
            server.start();
            return new EmbeddedClickHouseServer(engine, server, executor);
        } catch (IOException e) {
            throw new EmbeddedClickHouseException("cannot listen on " + options.bindAddress() + ":" + options.port()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Returns the port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Returns the base HTTP URL, e.g. {@code http://127.0.0.1:8123/}. */
    public URI httpUri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port() + "/");
    }

    /** Returns a JDBC URL for the official driver, e.g. {@code jdbc:clickhouse://127.0.0.1:8123/default}. */
    public String jdbcUrl(String database) {
        return "jdbc:clickhouse://" + server.getAddress().getHostString() + ":" + port() + "/" + database;
    }

    /** Returns the engine behind this endpoint. */
    public ChdbEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

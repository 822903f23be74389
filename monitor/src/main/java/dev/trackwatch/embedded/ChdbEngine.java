package dev.trackwatch.embedded;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The process-wide chDB engine on one data directory.
 *
 * <p>chDB hosts a single ClickHouse session per process and runs one query at a time, so this
 * class serializes every statement behind a fair lock and makes each one look like an
 * independent HTTP request to a real server: per-query settings are applied with {@code SET}
 * before the statement and reset to {@code DEFAULT} after it, the current database is switched
 * and restored, and the session is flushed after an error because chDB may otherwise prepend
 * leftover output to the next result. The engine is opened once and stays open until the JVM
 * exits: chDB's documentation warns that closing its last connection and reconnecting is a full
 * engine shutdown and restart that should not happen repeatedly in one process.
 */
public final class ChdbEngine {

    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,127}");
    private static ChdbEngine instance;
    private static SignalGuard jvmSignalHandlers;

    private final ChdbLibrary library;
    private final Path dataDir;
    private final MemorySegment connection;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final String version;
    private final String timezone;
    private volatile boolean closed;

    private ChdbEngine(ChdbLibrary library, Path dataDir, MemorySegment connection) {
        this.library = library;
        this.dataDir = dataDir;
        this.connection = connection;
        this.version = scalar("SELECT version()");
        this.timezone = scalar("SELECT timezone()");
    }

    /**
     * Opens the engine on {@code dataDir}, or returns the engine this process already opened there.
     *
     * @throws EmbeddedClickHouseException if another directory is open in this process, or another
     *         process holds this directory
     */
    public static synchronized ChdbEngine open(Path libraryPath, Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (instance != null) {
            if (!instance.dataDir.equals(dir)) {
                throw new EmbeddedClickHouseException("the embedded ClickHouse in this process already uses "
                        + instance.dataDir + "; chDB supports one data directory per process (asked for " + dir + ")");
            }
            return instance;
        }
        ChdbLibrary library = ChdbLibrary.load(libraryPath);
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new EmbeddedClickHouseException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        DataDirLock.acquire(dir);
        // Before the engine exists: clickhouse-local would take stdin's bytes as INSERT data.
        StdinDetacher.detach();
        MemorySegment connPtr = connect(library, dir);
        MemorySegment conn = connPtr.reinterpret(ValueLayout.ADDRESS.byteSize()).get(ValueLayout.ADDRESS, 0);
        instance = new ChdbEngine(library, dir, conn);
        // chDB's background threads (merges, flushes) crash if the process exits under them while
        // static destructors run; closing the last connection shuts the engine down in order.
        ChdbEngine engine = instance;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> engine.shutdown(connPtr), "chdb-shutdown"));
        return instance;
    }

    /** Returns the engine this process opened, whatever its data directory, if it opened one. */
    public static synchronized java.util.Optional<ChdbEngine> current() {
        return java.util.Optional.ofNullable(instance);
    }

    private static MemorySegment connect(ChdbLibrary library, Path dir) {
        String[] args = {"clickhouse", "--path=" + dir};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(ValueLayout.ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) {
                argv.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(args[i]));
            }
            // chDB's crash handlers would intercept the JVM's routine SIGSEGVs; opting out resets the
            // JVM's handlers too, so they are snapshotted and restored around both calls.
            SignalGuard guard = SignalGuard.snapshot(Arena.global());
            MemorySegment connPtr;
            try {
                library.setSignalHandlersEnabled.invokeExact(0);
                connPtr = (MemorySegment) library.connect.invokeExact(args.length, argv);
            } finally {
                guard.restore();
            }
            jvmSignalHandlers = guard;
            if (connPtr.equals(MemorySegment.NULL)) {
                throw new EmbeddedClickHouseException("chDB could not open data directory " + dir
                        + " (see the engine's messages above)");
            }
            MemorySegment conn = connPtr.reinterpret(ValueLayout.ADDRESS.byteSize()).get(ValueLayout.ADDRESS, 0);
            if (conn.equals(MemorySegment.NULL)) {
                throw new EmbeddedClickHouseException("chDB returned no connection for data directory " + dir);
            }
            return connPtr;
        } catch (EmbeddedClickHouseException e) {
            throw e;
        } catch (Throwable t) {
            throw new EmbeddedClickHouseException("chdb_connect failed for " + dir + ": " + t.getMessage(), t);
        }
    }

    /**
     * Closes the engine's only connection, which stops its background threads; runs at JVM exit.
     * Waits a bounded time for a running statement rather than pulling the engine from under it.
     */
    private void shutdown(MemorySegment connPtr) {
        try {
            if (!lock.tryLock(30, java.util.concurrent.TimeUnit.SECONDS)) {
                return;
            }
            closed = true;
            library.closeConn.invokeExact(connPtr);
        } catch (Throwable ignored) {
            // The process is exiting; there is nobody left to report to.
        }
    }

    /** Returns the engine version, e.g. {@code 26.5.1.1}. */
    public String version() {
        return version;
    }

    /** Returns the engine's time zone, reported to clients in {@code X-ClickHouse-Timezone}. */
    public String timezone() {
        return timezone;
    }

    /** Returns the data directory the engine stores its tables in. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Runs one statement with its settings, database and parameters, isolated from every other
     * statement. The returned result must be closed by the caller.
     *
     * @throws ChdbQueryException if the engine rejects the statement or one of its settings
     */
    public ChdbResult execute(EngineQuery query) {
        for (String name : query.settings().keySet()) {
            if (!SETTING_NAME.matcher(name).matches()) {
                throw new ChdbQueryException(ChdbQueryException.UNKNOWN_SETTING, "Invalid setting name '" + name + "'");
            }
        }
        if (query.database() != null && !DATABASE_NAME.matcher(query.database()).matches()) {
            throw new ChdbQueryException(ChdbQueryException.BAD_ARGUMENTS, "Invalid database name '" + query.database() + "'");
        }
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new EmbeddedClickHouseException("the embedded ClickHouse is shutting down");
        }
        List<String> applied = new ArrayList<>();
        boolean switchedDatabase = false;
        try {
            if (query.database() != null) {
                runSilently("USE `" + query.database() + "`");
                switchedDatabase = true;
            }
            // A USE statement must not outlive its request either.
            switchedDatabase |= SessionStatements.switchesDatabase(query.sql());
            // readonly goes last: once it is 1, the session refuses further SETs.
            for (Map.Entry<String, String> s : query.settings().entrySet()) {
                if (s.getKey().equals(SessionStatements.SYNCHRONOUS_DROP_SETTING)) {
                    continue; // synchronous drops crash chDB; see SessionStatements
                }
                if (!s.getKey().equals("readonly")) {
                    runSilently("SET " + s.getKey() + " = " + quote(s.getValue()));
                    applied.add(s.getKey());
                }
            }
            if (query.settings().containsKey("readonly")) {
                runSilently("SET readonly = " + quote(query.settings().get("readonly")));
                applied.addFirst("readonly");
            }
            return raw(SessionStatements.rewrite(query.sql()), query.format(), query.parameters());
        } finally {
            try {
                for (String name : applied) {
                    runSilently("SET " + name + " = DEFAULT");
                }
                if (switchedDatabase) {
                    runSilently("USE default");
                }
            } finally {
                // Once per statement, with its SETs and resets, rather than after each engine call.
                keepJvmSignalHandlers();
                lock.unlock();
            }
        }
    }

    /** Runs a statement and returns its output as a string; for small administrative queries. */
    public String scalar(String sql) {
        try (ChdbResult result = execute(EngineQuery.of(sql, "TabSeparated"))) {
            return result.asString().strip();
        }
    }

    private void runSilently(String sql) {
        raw(sql, "TabSeparated", Map.of()).close();
    }

    private ChdbResult raw(String sql, String format, Map<String, String> parameters) {
        MemorySegment result;
        long startNanos = System.nanoTime();
        try (Arena arena = Arena.ofConfined()) {
            byte[] sqlBytes = sql.getBytes(StandardCharsets.UTF_8);
            byte[] formatBytes = format.getBytes(StandardCharsets.UTF_8);
            MemorySegment sqlSeg = arena.allocate(sqlBytes.length + 1L);
            MemorySegment.copy(sqlBytes, 0, sqlSeg, ValueLayout.JAVA_BYTE, 0, sqlBytes.length);
            MemorySegment formatSeg = arena.allocateFrom(format);
            if (parameters.isEmpty()) {
                result = (MemorySegment) library.queryN.invokeExact(connection, sqlSeg, (long) sqlBytes.length,
                        formatSeg, (long) formatBytes.length);
            } else {
                result = queryWithParameters(arena, sqlSeg, sqlBytes.length, formatSeg, formatBytes.length, parameters);
            }
        } catch (Throwable t) {
            throw new EmbeddedClickHouseException("chdb_query failed: " + t.getMessage(), t);
        }
        return wrap(result, System.nanoTime() - startNanos);
    }

    private MemorySegment queryWithParameters(Arena arena, MemorySegment sql, long sqlLength, MemorySegment format,
                                              long formatLength, Map<String, String> parameters) throws Throwable {
        int n = parameters.size();
        MemorySegment names = arena.allocate(ValueLayout.ADDRESS, n);
        MemorySegment nameLengths = arena.allocate(ValueLayout.JAVA_LONG, n);
        MemorySegment values = arena.allocate(ValueLayout.ADDRESS, n);
        MemorySegment valueLengths = arena.allocate(ValueLayout.JAVA_LONG, n);
        int i = 0;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            byte[] name = p.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = p.getValue().getBytes(StandardCharsets.UTF_8);
            names.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(ValueLayout.JAVA_BYTE, name));
            nameLengths.setAtIndex(ValueLayout.JAVA_LONG, i, name.length);
            values.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(ValueLayout.JAVA_BYTE, value.length == 0 ? new byte[1] : value));
            valueLengths.setAtIndex(ValueLayout.JAVA_LONG, i, value.length);
            i++;
        }
        return (MemorySegment) library.queryWithParamsN.invokeExact(connection, sql, sqlLength, format, formatLength,
                names, nameLengths, values, valueLengths, (long) n);
    }

    /**
     * Returns true when the JVM's deadly-signal handlers are the ones it had before chDB started;
     * checked after every statement, and restored if an engine call replaced them.
     */
    public static boolean jvmSignalHandlersIntact() {
        return jvmSignalHandlers == null || jvmSignalHandlers.intact();
    }

    private static void keepJvmSignalHandlers() {
        if (jvmSignalHandlers != null && !jvmSignalHandlers.intact()) {
            jvmSignalHandlers.restore();
            // Routine and fully repaired here, so DEBUG: at WARN it reached the stdout of CLI commands
            // such as `validate --offline` (whose output is the user's report) whenever a query was the
            // first to make chDB install its handlers.
            org.slf4j.LoggerFactory.getLogger(ChdbEngine.class)
                    .debug("chDB replaced the JVM's signal handlers during a query; restored them");
        }
    }

    private ChdbResult wrap(MemorySegment result, long wallNanos) {
        if (result.equals(MemorySegment.NULL)) {
            throw new EmbeddedClickHouseException("chDB returned no result (connection closed?)");
        }
        try {
            MemorySegment error = (MemorySegment) library.resultError.invokeExact(result);
            if (!error.equals(MemorySegment.NULL)) {
                String text = error.reinterpret(Integer.MAX_VALUE).getString(0);
                library.destroyResult.invokeExact(result);
                // chDB may carry output of the failed query into the next result; drain it now.
                flush();
                throw ChdbQueryException.fromEngineText(text);
            }
            long length = (long) library.resultLength.invokeExact(result);
            MemorySegment buffer = (MemorySegment) library.resultBuffer.invokeExact(result);
            MemorySegment data = length == 0 || buffer.equals(MemorySegment.NULL)
                    ? MemorySegment.NULL.reinterpret(0) : buffer.reinterpret(length);
            QueryStats stats = new QueryStats(
                    (long) library.resultRowsRead.invokeExact(result),
                    (long) library.resultBytesRead.invokeExact(result),
                    (long) library.resultRowsWritten.invokeExact(result),
                    (long) library.resultBytesWritten.invokeExact(result),
                    wallNanos);
            return new ChdbResult(library, result, data, stats);
        } catch (ChdbQueryException | EmbeddedClickHouseException e) {
            throw e;
        } catch (Throwable t) {
            throw new EmbeddedClickHouseException("reading chDB result failed: " + t.getMessage(), t);
        }
    }

    private void flush() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment r = (MemorySegment) library.queryN.invokeExact(connection, arena.allocateFrom("SELECT 1"), 8L,
                    arena.allocateFrom("TabSeparated"), 12L);
            if (!r.equals(MemorySegment.NULL)) {
                library.destroyResult.invokeExact(r);
            }
        } catch (Throwable ignored) {
            // Best effort: the next real query reports any lasting problem.
        }
    }

    /** Quotes a value as a ClickHouse string literal; the engine converts it to the setting's type. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}

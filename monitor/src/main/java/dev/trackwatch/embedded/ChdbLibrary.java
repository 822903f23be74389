package dev.trackwatch.embedded;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Foreign-function bindings to the chDB C API in {@code libchdb.so}.
 *
 * <p>Only the functions Trackwatch needs are bound. Signatures follow {@code chdb.h} of chDB 3.x/26.x:
 * {@code chdb_connect} returns a pointer to a connection pointer; queries return a
 * {@code chdb_result*} that must be released with {@code chdb_destroy_query_result}.
 * The library is loaded once per process into the global arena because the engine it hosts
 * cannot be unloaded.
 */
public final class ChdbLibrary {

    private static volatile ChdbLibrary loaded;

    final MethodHandle connect;
    final MethodHandle closeConn;
    final MethodHandle queryN;
    final MethodHandle queryWithParamsN;
    final MethodHandle resultBuffer;
    final MethodHandle resultLength;
    final MethodHandle resultError;
    final MethodHandle resultElapsed;
    final MethodHandle resultRowsRead;
    final MethodHandle resultBytesRead;
    final MethodHandle resultRowsWritten;
    final MethodHandle resultBytesWritten;
    final MethodHandle destroyResult;
    final MethodHandle setSignalHandlersEnabled;
    private final Path path;

    private ChdbLibrary(Path path) {
        this.path = path;
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup = SymbolLookup.libraryLookup(path, Arena.global());
        connect = bind(linker, lookup, "chdb_connect", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
        closeConn = bind(linker, lookup, "chdb_close_conn", FunctionDescriptor.ofVoid(ADDRESS));
        queryN = bind(linker, lookup, "chdb_query_n",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        queryWithParamsN = bind(linker, lookup, "chdb_query_with_params_n",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG,
                        ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
        resultBuffer = bind(linker, lookup, "chdb_result_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS));
        resultLength = bind(linker, lookup, "chdb_result_length", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultError = bind(linker, lookup, "chdb_result_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
        resultElapsed = bind(linker, lookup, "chdb_result_elapsed", FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS));
        // chdb_result_rows_read/bytes_read count the rows of the result; the storage_* counters are what
        // ClickHouse reports as read_rows/read_bytes (rows scanned from tables and table functions).
        resultRowsRead = bind(linker, lookup, "chdb_result_storage_rows_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultBytesRead = bind(linker, lookup, "chdb_result_storage_bytes_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultRowsWritten = bind(linker, lookup, "chdb_result_rows_written", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultBytesWritten = bind(linker, lookup, "chdb_result_bytes_written",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        destroyResult = bind(linker, lookup, "chdb_destroy_query_result", FunctionDescriptor.ofVoid(ADDRESS));
        setSignalHandlersEnabled = bind(linker, lookup, "chdb_set_signal_handlers_enabled",
                FunctionDescriptor.ofVoid(JAVA_INT));
    }

    /**
     * Loads {@code libchdb.so} from the given path, or returns the library already loaded.
     *
     * @throws EmbeddedClickHouseException if the file is missing or a different library is already loaded
     */
    public static synchronized ChdbLibrary load(Path path) {
        Path real = path.toAbsolutePath().normalize();
        if (loaded != null) {
            if (!loaded.path.equals(real)) {
                throw new EmbeddedClickHouseException("chDB is already loaded from " + loaded.path
                        + "; one process can host only one chDB library (asked for " + real + ")");
            }
            return loaded;
        }
        if (!Files.isReadable(real)) {
            throw new EmbeddedClickHouseException("libchdb.so not found at " + real
                    + ": run ./trackwatch setup, or set TRACKWATCH_CHDB_LIBRARY to an existing libchdb.so");
        }
        loaded = new ChdbLibrary(real);
        return loaded;
    }

    /** Returns the file this library was loaded from. */
    public Path path() {
        return path;
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new EmbeddedClickHouseException(
                "libchdb.so lacks symbol " + name + ": Trackwatch needs chDB 26.x (see chdb.properties)"));
        return linker.downcallHandle(symbol, descriptor);
    }
}

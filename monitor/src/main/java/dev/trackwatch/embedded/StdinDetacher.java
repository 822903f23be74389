package dev.trackwatch.embedded;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Points the process's standard input (file descriptor 0) at {@code /dev/null} before chDB starts.
 *
 * <p>chDB is clickhouse-local inside, and clickhouse-local treats stdin as INSERT data: whenever
 * stdin is not a terminal and has bytes waiting, every INSERT appends them to its own data (after
 * the VALUES or the INFILE the statement names) and keeps reading until stdin ends. In a daemon
 * stdin is whatever the parent left there; under Maven it is surefire's command pipe, whose
 * {@code noop} commands then end up parsed as rows and whose never-ending stream blocks the insert
 * for good. The embedded endpoint takes its data from HTTP requests only, so the process gives
 * chDB an stdin that is always at its end. Trackwatch reads nothing from stdin itself.
 */
final class StdinDetacher {

    private static final int STDIN = 0;
    private static final int O_RDONLY = 0;

    private StdinDetacher() {
    }

    /**
     * Replaces file descriptor 0 with {@code /dev/null}.
     *
     * @throws EmbeddedClickHouseException if {@code /dev/null} cannot be opened or duplicated
     */
    static void detach() {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2));
        MethodHandle dup2 = linker.downcallHandle(libc.find("dup2").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) open.invokeExact(arena.allocateFrom("/dev/null"), O_RDONLY);
            if (fd < 0) {
                throw new EmbeddedClickHouseException("cannot open /dev/null to detach stdin from the engine");
            }
            if (fd != STDIN) {
                int result = (int) dup2.invokeExact(fd, STDIN);
                int ignored = (int) close.invokeExact(fd);
                if (result < 0) {
                    throw new EmbeddedClickHouseException("cannot point stdin at /dev/null for the engine");
                }
            }
        } catch (EmbeddedClickHouseException e) {
            throw e;
        } catch (Throwable t) {
            throw new EmbeddedClickHouseException("cannot detach stdin from the engine: " + t.getMessage(), t);
        }
    }
}

package dev.trackwatch.embedded;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Keeps the JVM's own handlers for deadly signals in place around chDB calls that replace them.
 *
 * <p>HotSpot relies on SIGSEGV, SIGBUS, SIGILL and SIGFPE handlers for implicit null checks,
 * safepoint polls and stack banging. chDB installs its own handlers when the engine starts (they
 * catch the JVM's routine SIGSEGVs and hang the process), and opting out with
 * {@code chdb_set_signal_handlers_enabled(0)} resets every such handler to {@code SIG_DFL}, which
 * would kill the JVM at its next routine fault. So we snapshot the handlers with libc's
 * {@code sigaction}, make the chDB call, and put them back. The engine is started once per
 * process, so the exposed window is a few microseconds, once.
 */
final class SignalGuard {

    /** SIGABRT, SIGSEGV, SIGILL, SIGBUS, SIGSYS, SIGFPE, SIGTSTP, SIGTRAP on Linux x86-64. */
    private static final int[] SIGNALS = {6, 11, 4, 7, 31, 8, 20, 5};
    /** glibc's struct sigaction is 152 bytes on x86-64; a larger opaque buffer is safe. */
    private static final long SIGACTION_SIZE = 256;
    private static final MethodHandle SIGACTION;

    static {
        Linker linker = Linker.nativeLinker();
        SIGACTION = linker.downcallHandle(linker.defaultLookup().find("sigaction").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    private final MemorySegment[] saved = new MemorySegment[SIGNALS.length];

    private SignalGuard(Arena arena) {
        for (int i = 0; i < SIGNALS.length; i++) {
            saved[i] = arena.allocate(SIGACTION_SIZE);
            call(SIGNALS[i], MemorySegment.NULL, saved[i]);
        }
    }

    /** Records the current handlers of the guarded signals. */
    static SignalGuard snapshot(Arena arena) {
        return new SignalGuard(arena);
    }

    /** Reinstalls the recorded handlers wherever they were changed. */
    void restore() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment current = arena.allocate(SIGACTION_SIZE);
            for (int i = 0; i < SIGNALS.length; i++) {
                call(SIGNALS[i], MemorySegment.NULL, current);
                if (!sameHandler(current, saved[i])) {
                    call(SIGNALS[i], saved[i], MemorySegment.NULL);
                }
            }
        }
    }

    /** Returns true when every guarded signal still has the recorded handler. */
    boolean intact() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment current = arena.allocate(SIGACTION_SIZE);
            for (int i = 0; i < SIGNALS.length; i++) {
                call(SIGNALS[i], MemorySegment.NULL, current);
                if (!sameHandler(current, saved[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean sameHandler(MemorySegment a, MemorySegment b) {
        // sa_handler/sa_sigaction is the first pointer of the struct; sa_mask and sa_flags follow.
        return Arrays.equals(a.asSlice(0, 8).toArray(JAVA_BYTE), b.asSlice(0, 8).toArray(JAVA_BYTE));
    }

    private static void call(int signal, MemorySegment act, MemorySegment oldAct) {
        try {
            int rc = (int) SIGACTION.invokeExact(signal, act, oldAct);
            if (rc != 0) {
                throw new EmbeddedClickHouseException("sigaction(" + signal + ") failed");
            }
        } catch (EmbeddedClickHouseException e) {
            throw e;
        } catch (Throwable t) {
            throw new EmbeddedClickHouseException("sigaction(" + signal + ") failed: " + t.getMessage(), t);
        }
    }
}

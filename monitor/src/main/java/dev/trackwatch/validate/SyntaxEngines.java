package dev.trackwatch.validate;

import dev.trackwatch.embedded.ChdbEngine;
import dev.trackwatch.embedded.ChdbLocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where {@link ExpressionSyntax} gets its engine. chDB runs one engine per process, on one data
 * directory, so an engine already open (the demo's, the embedded endpoint's) is always reused; a
 * private one, on a throw-away directory, is opened only where nothing else can want the engine
 * later: the {@code validate} command's own process, or a daemon that serves no embedded ClickHouse.
 */
public final class SyntaxEngines {

    /** Which engines may be used. */
    public enum Source {
        /** Only an engine this process already opened. */
        RUNNING_ONLY,
        /** An engine already open, else a private one when the chDB library is installed. */
        RUNNING_OR_PRIVATE
    }

    /** An engine, or the notice saying why there is none. */
    record Lease(Optional<ChdbEngine> engine, String notice) {
    }

    private SyntaxEngines() {
    }

    static synchronized Lease acquire(Source source) {
        Optional<ChdbEngine> running = ChdbEngine.current();
        if (running.isPresent()) {
            return new Lease(running, null);
        }
        if (source == Source.RUNNING_ONLY) {
            return new Lease(Optional.empty(), "syntax not checked: the embedded ClickHouse has not started yet");
        }
        Path library = ChdbLocator.locate(null);
        if (!Files.isRegularFile(library)) {
            return new Lease(Optional.empty(), ExpressionSyntax.NOT_INSTALLED);
        }
        try {
            Path dir = Files.createTempDirectory("trackwatch-syntax-");
            // Parsing stores nothing; the directory holds only the engine's lock and scratch space.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "syntax-engine-cleanup"));
            return new Lease(Optional.of(ChdbEngine.open(library, dir)), null);
        } catch (IOException | RuntimeException e) {
            return new Lease(Optional.empty(), "syntax not checked: embedded ClickHouse could not start: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Best effort at exit: a few empty directories under the temp dir are all that is left.
        }
    }
}

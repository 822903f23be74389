package dev.trackwatch.watchdog;

import io.micronaut.serde.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The watchdog's state as one JSON document (micronaut-serde) in a local file, written atomically:
 * to a temporary file beside it, forced to disk, then moved over it, so a crash leaves the old or
 * the new state, never half of one.
 */
final class StateFile {

    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    private final Path file;

    StateFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** Returns the state written last, or the empty state when there is none or it cannot be read. */
    WatchdogState read() {
        if (!Files.exists(file)) {
            return WatchdogState.EMPTY;
        }
        try {
            return JSON.readValue(Files.readAllBytes(file), WatchdogState.class);
        } catch (IOException | RuntimeException e) {
            // A corrupt file must not stop the daemon; at worst an outage alert is told again.
            LOG.warn("watchdog: state file {} unreadable, starting afresh: {}", file, e.getMessage());
            return WatchdogState.EMPTY;
        }
    }

    /** Replaces the state with {@code state}. */
    void write(WatchdogState state) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(state), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the watchdog state " + file, e);
        }
    }

    Path path() {
        return file;
    }
}

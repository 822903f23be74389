package dev.trackwatch.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive, process-lifetime lock on a data directory.
 *
 * <p>chDB itself refuses a second process on the same directory, but only with an engine message
 * ("Cannot lock file ...status") after part of its start-up. Taking our own OS lock first lets us
 * name the directory and the process that holds it, and never half-start the engine.
 */
final class DataDirLock {

    private static final String FILE = "trackwatch.lock";
    // Held for the life of the process; the OS releases it when the process exits, even on SIGKILL.
    @SuppressWarnings("unused")
    private static FileLock held;

    private DataDirLock() {
    }

    static synchronized void acquire(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String owner = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new EmbeddedClickHouseException("data directory " + dir + " is in use by another process"
                        + (owner.isEmpty() ? "" : " (pid " + owner + ")")
                        + ": stop it, or give this one its own --data directory");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            held = lock;
        } catch (IOException e) {
            throw new EmbeddedClickHouseException("cannot lock data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}

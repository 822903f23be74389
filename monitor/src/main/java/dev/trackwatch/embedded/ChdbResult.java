package dev.trackwatch.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The output of one successful query: the formatted bytes, still in native memory, and the
 * engine's counters. The bytes are copied to the client in small chunks so that a result of any
 * size never has to fit on the Java heap. Must be closed to free the native buffer.
 */
public final class ChdbResult implements AutoCloseable {

    private static final int COPY_CHUNK = 64 * 1024;

    private final ChdbLibrary library;
    private MemorySegment handle;
    private final MemorySegment data;
    private final QueryStats stats;

    ChdbResult(ChdbLibrary library, MemorySegment handle, MemorySegment data, QueryStats stats) {
        this.library = library;
        this.handle = handle;
        this.data = data;
        this.stats = stats;
    }

    /** Returns the number of bytes of formatted output. */
    public long length() {
        return data.byteSize();
    }

    /** Returns the engine's counters for this query. */
    public QueryStats stats() {
        return stats;
    }

    /** Returns the output decoded as UTF-8; meant for small results such as {@code SELECT version()}. */
    public String asString() {
        return new String(data.toArray(ValueLayout.JAVA_BYTE), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Copies the output to {@code out} through a 64 KiB heap buffer. */
    public void writeTo(OutputStream out) throws IOException {
        byte[] chunk = new byte[(int) Math.min(COPY_CHUNK, Math.max(1, data.byteSize()))];
        long offset = 0;
        long size = data.byteSize();
        while (offset < size) {
            int n = (int) Math.min(chunk.length, size - offset);
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset, chunk, 0, n);
            out.write(chunk, 0, n);
            offset += n;
        }
    }

    @Override
    public synchronized void close() {
        if (handle != null) {
            try {
                library.destroyResult.invokeExact(handle);
            } catch (Throwable t) {
                throw new EmbeddedClickHouseException("chdb_destroy_query_result failed", t);
            }
            handle = null;
        }
    }
}

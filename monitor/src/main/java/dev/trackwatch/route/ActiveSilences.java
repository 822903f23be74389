package dev.trackwatch.route;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The silences in effect at one instant, read once: a flush asks about every alert at the same
 * instant, so the store is read once per flush rather than once per alert. Thread-safe.
 */
public final class ActiveSilences {

    /** What was read, and for which instant. */
    private record Read(Instant at, List<Silence> silences) {
    }

    private final Function<Instant, List<Silence>> source;
    private volatile Read last;

    /** Silences from {@code store}. */
    public ActiveSilences(SilenceStore store) {
        this(store::active);
    }

    /** @param source the silences in effect at an instant, e.g. {@link SilenceStore#active} */
    public ActiveSilences(Function<Instant, List<Silence>> source) {
        this.source = source;
    }

    /** Returns the silences in effect at {@code at}, reading them when {@code at} differs from the last call's. */
    public List<Silence> at(Instant at) {
        Read read = last;
        if (read == null || !read.at().equals(at)) {
            read = new Read(at, source.apply(at));
            last = read;
        }
        return read.silences();
    }
}

package dev.trackwatch.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when something sleeps on it; every sleep is recorded. */
final class FakeTime implements InstantSource, Sleeper {

    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    /** The sleeps so far, in order. */
    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** Moves the clock without recording a sleep (time passing while doing other things). */
    synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }
}

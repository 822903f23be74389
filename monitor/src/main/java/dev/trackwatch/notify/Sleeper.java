package dev.trackwatch.notify;

import java.time.Duration;

/** Waits; tests pass one that records the wait and moves a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper REAL = duration -> Thread.sleep(duration);

    /** Waits for the duration (zero or more). */
    void sleep(Duration duration) throws InterruptedException;
}

package dev.trackwatch.demo;

/**
 * Published by {@link DemoFeed} once the demo table is ready. The demo's wiring then creates the
 * scenario's silence ({@link DemoScenario#SILENCE_MATCHERS}) unless the data directory has it
 * already; the feed itself knows nothing of silences.
 *
 * @param at when the demo started
 */
public record DemoStarted(java.time.Instant at) {
}

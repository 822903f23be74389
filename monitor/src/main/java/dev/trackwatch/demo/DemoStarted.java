package dev.trackwatch.demo;

/**
 * Published by {@link DemoFeed} once the demo table is ready. On the first start the demo's
 * wiring creates the scenario's silence ({@link DemoScenario#SILENCE_MATCHERS}); the feed itself
 * knows nothing of silences.
 *
 * @param firstStart whether this start seeded the table from nothing 
 * @param at when the demo started
 */
public record DemoStarted(boolean firstStart, java.time.Instant at) {
}

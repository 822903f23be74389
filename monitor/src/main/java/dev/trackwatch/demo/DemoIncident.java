package dev.trackwatch.demo;

import java.time.Duration;

/**
 * One tracking failure the demo generator injects, positioned relative to the scenario anchor
 * (the hour the demo data was first generated), so that re-running the generator reproduces
 * exactly the same data and later issues can check that each incident is detected.
 *
 * @param name a stable identifier, e.g. {@code ios_volume_drop}
 * @param kind the alert kind a monitor should raise for it
 * @param startOffset start, relative to the anchor (negative: in the seeded history)
 * @param duration how long it lasts; {@link Duration#ZERO} for "until further notice"
 * @param description what breaks, in one sentence
 */
public record DemoIncident(String name, String kind, Duration startOffset, Duration duration, String description) {
}

package dev.trackwatch.demo;

import java.time.Duration;
import java.util.List;

/**
 * The demo's product: a shop with web, iOS and Android apps sending product events, and the
 * incidents injected into its history. Rates follow a daily cycle (peak around 19:00 UTC) and a
 * weekly one (weekends at 75 %), so that ordinary seasonality is visible and must not alert.
 */
public final class DemoScenario {

    /** Days of history generated before the anchor; enough to train a weekly baseline. */
    public static final int HISTORY_DAYS = 28;

    /** Average events per minute per platform at the daily mean, for web, ios and android. */
    public static final double[] PLATFORM_RATE_PER_MINUTE = {3.5, 2.2, 1.3};

    /** Traffic grows linearly by this share over the 28 days of history (and keeps growing after). */
    public static final double GROWTH_OVER_HISTORY = 0.3;

    /** Platform names, in the order of {@link #PLATFORM_RATE_PER_MINUTE}. */
    public static final List<String> PLATFORMS = List.of("web", "ios", "android");

    /** Incidents injected into the history; offsets are from the anchor hour. */
    public static final List<DemoIncident> INCIDENTS = List.of(
            new DemoIncident("loader_lag", "latency", Duration.ofHours(-4 * 24 + 3), Duration.ofHours(5),
                    "the loader falls two hours behind: ingested_at = event_time + 2h"),
            new DemoIncident("android_user_id_missing", "null_rate", Duration.ofHours(-5 * 24 + 9), Duration.ofHours(8),
                    "an Android SDK release stops sending user_id"),
            new DemoIncident("ios_volume_drop", "volume", Duration.ofHours(-3 * 24 + 14), Duration.ofHours(6),
                    "an iOS SDK release drops 90 % of iOS events"),
            new DemoIncident("order_ids_in_page_path", "cardinality", Duration.ofHours(-2 * 24 + 11),
                    Duration.ofHours(4), "order ids leak into page_path on web, exploding its cardinality"),
            new DemoIncident("amount_cents_as_string", "schema_drift", Duration.ofHours(-20), Duration.ZERO,
                    "iOS app 5.3.0 sends purchase amount_cents as a string"),
            // The last hour before the demo first starts: the first cycle after start judges it.
            new DemoIncident("web_user_id_missing", "null_rate", Duration.ofHours(-1), Duration.ofHours(1),
                    "a consent-banner change stops the web SDK from sending user_id"),
            new DemoIncident("order_ids_in_page_path_recent", "cardinality", Duration.ofHours(-1), Duration.ofHours(1),
                    "order ids leak into page_path on web again"),
            new DemoIncident("unknown_event", "schema_drift", Duration.ofHours(-1), Duration.ofHours(1),
                    "a release on every platform sends purchase_completed_v2, an event the tracking plan does not know,"
                            + " instead of purchase (so the purchases check sees none, whatever the hour)"),
            new DemoIncident("android_sdk_drop", "volume", Duration.ofHours(-1), Duration.ofHours(1),
                    "an Android SDK release drops 95 % of Android events"),
            new DemoIncident("ios_ingestion_delay", "latency", Duration.ofHours(-1), Duration.ofHours(1),
                    "the iOS collector queues events: a fifth load 45 minutes late, the rest three hours late"),
            new DemoIncident("outage", "freshness", Duration.ofHours(-6 * 24 + 3), Duration.ofHours(1),
                    "the collector is down: no events at all for an hour"),
            new DemoIncident("duplicate_checkout_events", "volume", Duration.ofHours(-26), Duration.ofHours(2),
                    "a web release fires checkout_started twice"),
            // Clear of every other iOS incident, so that its alert is its own.
            new DemoIncident("constant_session_id", "cardinality", Duration.ofHours(-3 * 24 - 8), Duration.ofHours(3),
                    "an iOS build sends the same session_id for every user"));

    /**
     * The live incident, timed from the minute the demo first started (not from the anchor hour), so
     * that it happens while someone watches: the web SDK sends nothing for seven minutes, from one
     * minute after the start. The 5-minute dataset catches it when its first bucket with the gap
     * closes (5 to 7 minutes after the start) and, with {@code resolve_after: 1}, resolves it when
     * the first whole healthy bucket after it closes (12 to 17 minutes after the start).
     */
    public static final DemoIncident LIVE_OUTAGE = new DemoIncident("web_sdk_outage_live", "volume",
            Duration.ofMinutes(1), Duration.ofMinutes(7), "the web SDK sends nothing for seven minutes, live");

    /**
     * The second live incident, in the same check: the iOS SDK, which loads its config from the
     * same CDN, sends 5 % of its events for seven minutes from minute six. Its first fully affected
     * bucket closes after the web outage's first one, whatever minute the demo starts, so the
     * alert joins the web outage's group and the message's thread gets an update.
     */
    public static final DemoIncident LIVE_IOS_DROP = new DemoIncident("ios_sdk_drop_live", "volume",
            Duration.ofMinutes(6), Duration.ofMinutes(7), "the iOS SDK sends 5 % of its events for seven minutes, live");

    /** The incidents timed from the demo's first start, in the order their windows are bound. */
    public static final List<DemoIncident> LIVE = List.of(LIVE_OUTAGE, LIVE_IOS_DROP);

    /**
     * The silence the demo creates on its first start, as a team would while it tunes a check: the
     * custom {@code purchases} check repeats what {@code volume_by_event} says about purchase events,
     * so its alerts are silenced for a week and the outbox never shows them.
     */
    public static final List<String> SILENCE_MATCHERS = List.of("dataset=\"product_events\"", "check=\"purchases\"");

    /** Why the demo's silence exists (its required comment). */
    public static final String SILENCE_COMMENT =
            "demo: purchases repeats volume_by_event's purchase segment while the growth team tunes it";

    /** How long the demo's silence lasts. */
    public static final Duration SILENCE_DURATION = Duration.ofDays(7);

    private DemoScenario() {
    }

    /** Returns the incident with this name. */
    public static DemoIncident incident(String name) {
        return INCIDENTS.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }
}

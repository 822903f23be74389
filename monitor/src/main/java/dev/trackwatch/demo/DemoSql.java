package dev.trackwatch.demo;

/**
 * The demo's DDL and its generator query. Kept apart from the Java logic because the generator is
 * one long ClickHouse statement; every varying value is a bound {@code ?}.
 */
final class DemoSql {

    static final String CREATE_DATABASE = "CREATE DATABASE IF NOT EXISTS demo";

    static final String CREATE_EVENTS = """
            CREATE TABLE IF NOT EXISTS demo.events (
                event_id       UUID,
                event_time     DateTime64(3, 'UTC'),
                ingested_at    DateTime64(3, 'UTC'),
                event_name     LowCardinality(String),
                platform       LowCardinality(String),
                app_version    LowCardinality(String),
                country        LowCardinality(String),
                user_id        Nullable(String),
                anonymous_id   String,
                session_id     Nullable(String),
                page_path      Nullable(String),
                properties     JSON,
                schema_version UInt16
            )
            ENGINE = MergeTree
            PARTITION BY toYYYYMM(event_time)
            ORDER BY (event_name, event_time)
            """;

    /** One row per scenario: the hour the demo was first generated, which anchors the incidents. */
    static final String CREATE_SCENARIO =
            "CREATE TABLE IF NOT EXISTS demo.scenario (anchor DateTime('UTC')) ENGINE = TinyLog";

    /** When the demo first started (to the minute): the live incidents are timed from it. */
    static final String CREATE_LIVE = "CREATE TABLE IF NOT EXISTS demo.live (started DateTime('UTC')) ENGINE = TinyLog";

    /** Bookkeeping of generated minutes, so top-ups neither skip nor repeat a minute. */
    static final String CREATE_GENERATED = "CREATE TABLE IF NOT EXISTS demo.generated (slot DateTime('UTC')) ENGINE = TinyLog";

    /**
     * Binds: from (epoch s), slot count (minutes x 3 platforms), ios drop [from, to), loader lag
     * [from, to), android user_id missing [from, to), order-id leak [from, to), amount-as-string from,
     * web user_id missing [from, to), second order-id leak [from, to), unknown event [from, to),
     * android drop [from, to), iOS ingestion delay [from, to), growth start, outage [from, to),
     * duplicate firing [from, to), constant iOS session id [from, to), and the live incidents' windows
     * (web silent, iOS at 5 %), timed from the demo's first start.
     * Rates: per platform, times a daily cosine peaking at 19:00 UTC, times 0.75 at weekends; a
     * hash-based dither turns the fractional rate into whole events without randomness.
     */
    static final String INSERT_EVENTS = """
            INSERT INTO demo.events
            SELECT
                reinterpretAsUUID(concat(reinterpretAsString(h1 + copy), reinterpretAsString(h2))) AS event_id,
                event_time,
                event_time + toIntervalMillisecond(if(lag, 7200000, 0) + if(ios_delay, if(h2 % 5 = 0, 2700000, 10800000), 0) + 1500 + (h2 % 60000) * (h1 % 3)) AS ingested_at,
                event_name, platform, app_version, country,
                if(user_missing OR h1 % 10 < 3, NULL, concat('u', toString(h2 % 50000))) AS user_id,
                concat('a', toString(h1 % 200000)) AS anonymous_id,
                if(const_session, 's-0000000', concat('s', toString(intDiv(h2 % 1000000, 7)))) AS session_id,
                if(platform = 'web' AND event_name = 'page_view',
                   if(order_leak, concat('/orders/', toString(h2 % 100000000)),
                      ['/', '/search', '/cart', '/checkout', '/products', '/products/shoes', '/products/bags',
                       '/deals', '/account', '/help', '/blog', '/about'][1 + h1 % 12]),
                   NULL) AS page_path,
                CAST(multiIf(
                    event_name = 'purchase', concat('{"order_id":"o', toString(h2 % 100000000), '","amount_cents":',
                        if(app_version = '5.3.0', concat('"', toString(500 + h1 % 20000), '"'), toString(500 + h1 % 20000)),
                        ',"currency":"EUR"}'),
                    event_name = 'add_to_cart', concat('{"product_id":"p', toString(h1 % 5000), '","quantity":',
                        toString(1 + h2 % 3), '}'),
                    event_name = 'product_viewed', concat('{"product_id":"p', toString(h1 % 5000), '"}'),
                    event_name = 'search', concat('{"query":"q', toString(h1 % 800), '"}'),
                    '{}') AS JSON) AS properties,
                if(app_version = '5.3.0', 3, 2) AS schema_version
            FROM (
                SELECT
                    slot + toIntervalMillisecond(h1 % 60000) AS event_time,
                    ['web', 'ios', 'android'][p + 1] AS platform,
                    if(t >= unknown_from AND t < unknown_to AND h2 % 100 >= 90 AND h2 % 100 < 95,
                       'purchase_completed_v2', multiIf(h2 % 100 < 40, 'page_view', h2 % 100 < 55, 'search', h2 % 100 < 70, 'product_viewed',
                            h2 % 100 < 82, 'add_to_cart', h2 % 100 < 90, 'checkout_started', h2 % 100 < 95, 'purchase',
                            'signup')) AS event_name,
                    multiIf(p = 0, 'web',
                            p = 1, if(t >= amount_from AND h1 % 2 = 0, '5.3.0', if(h1 % 3 = 0, '5.1.0', '5.2.0')),
                            if(h1 % 2 = 0, '5.1.4', '5.2.1')) AS app_version,
                    ['US', 'DE', 'GB', 'FR', 'BR', 'IN'][1 + h2 % 6] AS country,
                    t >= lag_from AND t < lag_to AS lag,
                    p = 1 AND t >= idelay_from AND t < idelay_to AS ios_delay,
                    p = 1 AND t >= csess_from AND t < csess_to AS const_session,
                    p = 0 AND t >= dup_from AND t < dup_to AS dup_window,
                    (p = 2 AND t >= null_from AND t < null_to) OR (p = 0 AND t >= web_null_from AND t < web_null_to)
                        AS user_missing,
                    p = 0 AND ((t >= leak_from AND t < leak_to) OR (t >= leak2_from AND t < leak2_to)) AS order_leak,
                    h1, h2
                FROM (
                    SELECT slot, p, t, i, amount_from, lag_from, lag_to, null_from, null_to, leak_from, leak_to,
                           web_null_from, web_null_to, leak2_from, leak2_to, unknown_from, unknown_to,
                           idelay_from, idelay_to, csess_from, csess_to, dup_from, dup_to,
                           cityHash64(t, p, i) AS h1, cityHash64(h1, 'demo') AS h2
                    FROM (
                        SELECT
                            toDateTime64(from_s + intDiv(number, 3) * 60, 3, 'UTC') AS slot,
                            toUnixTimestamp(slot) AS t,
                            toUInt8(number % 3) AS p,
                            [3.5, 2.2, 1.3][p + 1]
                                * (1 + 0.6 * cos(2 * pi() * (toHour(slot) + toMinute(slot) / 60 - 19) / 24))
                                * if(toDayOfWeek(slot) >= 6, 0.75, 1.0)
                                * if(p = 1 AND t >= drop_from AND t < drop_to, 0.1, 1.0)
                                * if(p = 2 AND t >= adrop_from AND t < adrop_to, 0.05, 1.0)
                                * if(t >= outage_from AND t < outage_to, 0.0, 1.0)
                                * if(p = 0 AND t >= live_from AND t < live_to, 0.0, 1.0)
                                * if(p = 1 AND t >= live_ios_from AND t < live_ios_to, 0.05, 1.0)
                                * (1 + 0.3 * greatest(0, t - grow_from) / 2419200) AS rate,
                            toUInt32(floor(rate + (cityHash64(t, p, 'dither') % 1000) / 1000.0)) AS n,
                            amount_from, lag_from, lag_to, null_from, null_to, leak_from, leak_to,
                            web_null_from, web_null_to, leak2_from, leak2_to, unknown_from, unknown_to,
                            idelay_from, idelay_to, csess_from, csess_to, dup_from, dup_to
                        FROM (
                            SELECT number,
                                   toInt64(?) AS from_s
                            FROM numbers(?)
                        ) AS slots
                        CROSS JOIN (
                            SELECT toInt64(?) AS drop_from, toInt64(?) AS drop_to,
                                   toInt64(?) AS lag_from, toInt64(?) AS lag_to,
                                   toInt64(?) AS null_from, toInt64(?) AS null_to,
                                   toInt64(?) AS leak_from, toInt64(?) AS leak_to,
                                   toInt64(?) AS amount_from,
                                   toInt64(?) AS web_null_from, toInt64(?) AS web_null_to,
                                   toInt64(?) AS leak2_from, toInt64(?) AS leak2_to,
                                   toInt64(?) AS unknown_from, toInt64(?) AS unknown_to,
                                   toInt64(?) AS adrop_from, toInt64(?) AS adrop_to,
                                   toInt64(?) AS idelay_from, toInt64(?) AS idelay_to,
                                   toInt64(?) AS grow_from,
                                   toInt64(?) AS outage_from, toInt64(?) AS outage_to,
                                   toInt64(?) AS dup_from, toInt64(?) AS dup_to,
                                   toInt64(?) AS csess_from, toInt64(?) AS csess_to,
                                   toInt64(?) AS live_from, toInt64(?) AS live_to,
                                   toInt64(?) AS live_ios_from, toInt64(?) AS live_ios_to
                        ) AS bounds
                    )
                    ARRAY JOIN range(n) AS i
                )
            )
            -- Duplicate firing: during the incident each web checkout_started is sent twice.
            ARRAY JOIN if(dup_window AND event_name = 'checkout_started', [0, 1], [0]) AS copy
            """;

    private DemoSql() {
    }
}

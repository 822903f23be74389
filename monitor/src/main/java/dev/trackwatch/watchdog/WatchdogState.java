package dev.trackwatch.watchdog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * What the watchdog keeps across restarts, in its own file (never in ClickHouse, which is what it
 * watches): when ClickHouse was last reachable, since when it is not, the blind spans the runner
 * defers buckets for, and the outage alert told to each receiver.
 *
 * @param lastReachable the last moment ClickHouse answered, or null before the first answer
 * @param downSince the first failed attempt since then, or null while it answers
 * @param reason the newest failure's message, or null
 * @param blind the closed blind spans, oldest first
 * @param outage the outage alert, or null when none is open
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record WatchdogState(Instant lastReachable, Instant downSince, String reason, List<Blind> blind, Outage outage) {

    static final WatchdogState EMPTY = new WatchdogState(null, null, null, List.of(), null);

    WatchdogState {
        blind = blind == null ? List.of() : List.copyOf(blind);
    }

    /** One closed span without ClickHouse. */
    @Serdeable
    record Blind(Instant from, Instant to) {
    }

    /**
     * One outage alert: told FIRING once it lasted longer than the threshold, RESOLVED once ClickHouse answered.
     *
     * @param since when the outage began (the first failed attempt)
     * @param reason the failure told in the FIRING message
     * @param told one entry per receiver
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Outage(Instant since, String reason, List<Told> told) {
        Outage {
            told = List.copyOf(told);
        }
    }

    /** How far a message got: not tried, handed to the sink (outcome not known), or delivered. */
    enum Step {
        NONE, PENDING, SENT
    }

    /**
     * The outage alert as told to one receiver.
     *
     * @param receiver the receiver's name
     * @param channel its Slack channel, or null
     * @param mention whom to mention, never null
     * @param firing how far the FIRING message got
     * @param firingTs the delivered FIRING message's ts (its thread), or null
     * @param resolved how far the RESOLVED message got
     * @param loggedAt when the pending message was handed to the sink, or null
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Told(String receiver, String channel, String mention, Step firing, String firingTs, Step resolved,
                Instant loggedAt) {
    }
}

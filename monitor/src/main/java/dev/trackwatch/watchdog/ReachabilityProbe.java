package dev.trackwatch.watchdog;

import java.util.Optional;

/** The watchdog's own cheap evidence: one attempt to reach ClickHouse. */
@FunctionalInterface
interface ReachabilityProbe {

    /** Returns empty when ClickHouse answered, else why not; never throws, never blocks past its timeout. */
    Optional<String> failure();
}

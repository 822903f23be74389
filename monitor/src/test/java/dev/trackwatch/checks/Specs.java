package dev.trackwatch.checks;

import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Specs for the check-type unit tests: a check's common settings and an hourly dataset around it. */
final class Specs {

    static final SourceLocation AT = SourceLocation.of("t.yaml");

    private Specs() {
    }

    static CheckCommon common(String name) {
        return new CheckCommon(name, Severity.WARNING, "growth", null, Map.of(), AT);
    }

    static DatasetSpec dataset(String ingestionTime, CheckSpec... checks) {
        return DatasetSpec.builder().name("events").database("db").table("events").eventTimeColumn("event_time")
                .ingestionTimeColumn(ingestionTime).segments(List.of("platform", "country")).owner("growth")
                .interval(Duration.ofMinutes(5)).lateBuckets(3).backfill(Duration.ofDays(28)).checks(List.of(checks))
                .location(AT).build();
    }

    static ColumnRef ref(String column, String... path) {
        return new ColumnRef(column, List.of(path));
    }
}

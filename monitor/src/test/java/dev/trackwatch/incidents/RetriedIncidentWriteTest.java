package dev.trackwatch.incidents;

import dev.trackwatch.config.Severity;
import dev.trackwatch.state.TestingStateDatabase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An incident change written twice, as the driver's retry of a dropped request writes it, is one
 * version of the incident and one timeline event.
 */
class RetriedIncidentWriteTest {

    private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void aChangeWrittenTwiceIsOneEvent() throws Exception {
        try (TestingStateDatabase database = TestingStateDatabase.create("chio_retried_incidents")) {
            IncidentStore store = new IncidentStore(database.dsl(), database.name());
            Incident incident = Incident.builder().id("inc-retry").dataset("events").check("volume")
                    .metric("row_count").segment(Map.of()).kind("volume").severity(Severity.CRITICAL).owner("growth")
                    .state(IncidentState.OPEN).openedAt(AT).updatedAt(AT).reason("low").actor("trackwatch")
                    .version(1).labels(Map.of()).build();
            List<IncidentChange> changes = List.of(new IncidentChange(IncidentChange.Type.OPENED, incident));

            store.write(changes, AT);
            store.write(changes, AT);

            assertThat(store.timeline("inc-retry")).hasSize(1);
            assertThat(store.list(false, 10)).hasSize(1);
        }
    }
}

package dev.trackwatch.loader;

import dev.trackwatch.checks.CardinalitySpec;
import dev.trackwatch.checks.CustomSpec;
import dev.trackwatch.checks.LatencySpec;
import dev.trackwatch.checks.NullRateSpec;
import dev.trackwatch.checks.SchemaSpec;
import dev.trackwatch.checks.VolumeSpec;
import dev.trackwatch.config.AnomalySpec;
import dev.trackwatch.config.Bounds;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ColumnRef;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.Severity;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.TeamSpec;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.detect.Direction;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The example tree in the repository's checks/ must always load, and map onto the spec as documented. */
class ExampleChecksTest {

    /** Surefire runs with the monitor module as working directory. */
    static final Path CHECKS = Path.of("../checks");

    private final LoadResult result = ConfigLoader.load(CHECKS);
    private final TrackwatchSpec spec = result.spec();

    @Test
    void loadsWithoutErrors() {
        assertThat(result.errors()).isEmpty();
        assertThat(spec.teams()).extracting(TeamSpec::name).containsExactly("growth", "mobile", "platform");
        assertThat(spec.datasets()).extracting(DatasetSpec::name).containsExactly("product_events", "product_events_live");
        assertThat(spec.trackingPlan()).hasSize(14);
        assertThat(spec.hash()).matches("[0-9a-f]{64}");
    }

    @Test
    void datasetSettingsAndOwnerComeFromTheYamlAndTheListingTeam() {
        DatasetSpec events = spec.dataset("product_events").orElseThrow();
        assertThat(events.database()).isEqualTo("demo");
        assertThat(events.table()).isEqualTo("events");
        assertThat(events.eventTimeColumn()).isEqualTo("event_time");
        assertThat(events.ingestionTimeColumn()).isEqualTo("ingested_at");
        assertThat(events.bucket()).isEqualTo(Duration.ofHours(1));
        assertThat(events.segments()).containsExactly("event_name", "platform", "app_version");
        assertThat(events.owner()).isEqualTo("growth");
        assertThat(events.labels()).isEqualTo(Map.of("domain", "shop"));
        assertThat(events.backfill()).isEqualTo(Duration.ofDays(28));
        assertThat(events.location()).isEqualTo(new SourceLocation("product_events.yaml", 4, 5));
    }

    @Test
    void oneCheckOfEachTypeWithOwnersInherited() {
        List<CheckSpec> checks = spec.dataset("product_events").orElseThrow().checks();
        assertThat(checks).extracting(CheckSpec::type)
                .containsExactly("volume", "volume", "custom", "freshness", "null_rate", "cardinality", "cardinality",
                        "latency", "schema", "custom");
        assertThat(checks).extracting(c -> c.common().owner()).containsExactly("growth", "growth", "growth", "platform",
                "growth", "growth", "growth", "platform", "growth", "growth");

        VolumeSpec volume = (VolumeSpec) checks.get(0);
        assertThat(volume.common().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(volume.segments()).containsExactly("platform");
        assertThat(volume.bounds()).isEqualTo(new Bounds(10.0, null, 15.0, null));

        VolumeSpec byEvent = (VolumeSpec) checks.get(1);
        assertThat(byEvent.segments()).containsExactly("event_name");
        assertThat(byEvent.common().anomaly().sensitivity()).isEqualTo(4.0);
        assertThat(volume.common().anomaly()).isEqualTo(AnomalySpec.defaults(volume.common().location()));

        CustomSpec duplicates = (CustomSpec) checks.get(2);
        assertThat(duplicates.common().anomaly().direction()).isEqualTo(Direction.UP);
        assertThat(duplicates.segments()).containsExactly("platform");

        NullRateSpec nulls = (NullRateSpec) checks.get(4);
        assertThat(nulls.common().severity()).isEqualTo(Severity.WARNING);
        assertThat(nulls.columns()).containsExactly(new ColumnRef("user_id", List.of()));
        assertThat(nulls.bounds()).isEqualTo(new Bounds(null, 0.6, null, 0.45));

        CardinalitySpec cardinality = (CardinalitySpec) checks.get(5);
        assertThat(cardinality.exact()).isFalse();

        CardinalitySpec sessions = (CardinalitySpec) checks.get(6);
        assertThat(sessions.common().anomaly().direction()).isEqualTo(Direction.DOWN);

        LatencySpec latency = (LatencySpec) checks.get(7);
        assertThat(latency.lateAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(latency.p95Bounds()).isEqualTo(new Bounds(null, 1800.0, null, 600.0));
        assertThat(latency.lateShareBounds()).isEqualTo(new Bounds(null, 0.2, null, 0.05));

        SchemaSpec schema = (SchemaSpec) checks.get(8);
        assertThat(schema.common().anomaly()).isNull(); // no baseline for schema checks
        assertThat(schema.columns()).containsEntry("event_time", "DateTime64(3, 'UTC')").hasSize(13);
        assertThat(schema.columns().keySet()).first().isEqualTo("event_id");
        assertThat(schema.schemaVersionColumn()).isEqualTo("schema_version");

        CustomSpec custom = (CustomSpec) checks.get(9);
        assertThat(custom.expression()).isEqualTo("countIf(event_name = 'purchase')");
        assertThat(custom.common().labels()).isEqualTo(Map.of("metric", "purchases"));
    }

    @Test
    void trackingPlanMapsOntoEventContracts() {
        EventContract purchase = spec.trackingPlan().stream()
                .filter(c -> c.event().equals("purchase") && c.version() == 3).findFirst().orElseThrow();
        assertThat(purchase.required()).containsExactly("order_id", "amount_cents", "currency");
        assertThat(purchase.properties().get("amount_cents").types()).containsExactly("integer");
        assertThat(purchase.properties().get("currency").allowed()).containsExactly("EUR", "USD", "GBP");
        assertThat(purchase.properties().get("coupon_code").types()).containsExactly("string", "null");
        assertThat(purchase.additionalProperties()).isTrue();
        assertThat(purchase.location()).isEqualTo(SourceLocation.of("tracking-plan/purchase/3.json"));
        assertThat(spec.trackingPlan()).extracting(c -> c.event() + "/" + c.version()).startsWith("add_to_cart/2",
                "add_to_cart/3", "checkout_started/2");
    }

    @Test
    void locationsPointAtTheNodesThatNameColumns() {
        DatasetSpec events = spec.dataset("product_events").orElseThrow();
        assertThat(result.locations().dataset(events, "table")).isEqualTo(new SourceLocation("product_events.yaml", 5, 12));
        assertThat(result.locations().dataset(events, "segments[1]"))
                .isEqualTo(new SourceLocation("product_events.yaml", 9, 28));
        CheckSpec nulls = events.checks().get(4);
        assertThat(result.locations().check(events, nulls, "columns[0]"))
                .isEqualTo(new SourceLocation("product_events.yaml", 61, 19));
        assertThat(result.locations().check(events, nulls, "no_such_field")).isEqualTo(nulls.common().location());
    }
}

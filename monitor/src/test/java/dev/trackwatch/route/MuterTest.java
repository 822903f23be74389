package dev.trackwatch.route;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mute stages: asked in order, the first that mutes gives the reason (the strings
 * {@code GET /api/suppressed} shows), and the silences are read once per instant.
 */
class MuterTest {

    private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");
    private static final RouteDecision ROUTE = new RouteDecision(new Receiver("growth", "#growth", null),
            List.of("dataset"), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4), List.of());
    private static final Map<String, String> VOLUME = Map.of("dataset", "product_events", "check", "volume",
            "kind", "volume", "severity", "critical", "team", "growth");
    private static final Map<String, String> STALE = Map.of("dataset", "product_events", "check", "freshness",
            "kind", "freshness", "severity", "critical", "team", "platform");

    @TempDir
    Path dir;

    @Test
    void theFirstStageThatMutesGivesTheReason() {
        Silence volume = new Silence("0b6c5f6e-8d1a-4c53-9f5e-2f1e3a4b5c6d", List.of(Matcher.parse("check=\"volume\"")),
                T.minusSeconds(60), T.plusSeconds(3600), "ana", "deploy");
        Inhibitor inhibitor = Inhibitor.of(Trees.load(dir, InhibitorTest.ROUTING));
        Muter silenced = Muter.inOrder(List.of(new SilenceMuter(new ActiveSilences(at -> List.of(volume))), inhibitor));
        Muter notSilenced = Muter.inOrder(List.of(new SilenceMuter(new ActiveSilences(at -> List.of())), inhibitor));

        assertThat(silenced.mutes(VOLUME, ROUTE, List.of(VOLUME, STALE), T))
                .contains("silence 0b6c5f6e-8d1a-4c53-9f5e-2f1e3a4b5c6d");
        assertThat(notSilenced.mutes(VOLUME, ROUTE, List.of(VOLUME, STALE), T)).hasValueSatisfying(
                why -> assertThat(why).startsWith("inhibit_rules[0]: ").endsWith(" is firing"));
        assertThat(notSilenced.mutes(STALE, ROUTE, List.of(VOLUME, STALE), T)).isEmpty();
        assertThat(Muter.none().mutes(VOLUME, ROUTE, List.of(STALE), T)).isEqualTo(Optional.empty());
    }

    @Test
    void silencesAreReadOncePerInstant() {
        List<Instant> reads = new ArrayList<>();
        ActiveSilences silences = new ActiveSilences(at -> {
            reads.add(at);
            return List.of();
        });
        SilenceMuter muter = new SilenceMuter(silences);

        muter.mutes(VOLUME, ROUTE, List.of(), T);
        muter.mutes(STALE, ROUTE, List.of(), T);
        muter.mutes(VOLUME, ROUTE, List.of(), T.plusSeconds(5));

        assertThat(reads).containsExactly(T, T.plusSeconds(5));
    }
}

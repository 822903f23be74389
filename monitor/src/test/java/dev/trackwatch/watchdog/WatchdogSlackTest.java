package dev.trackwatch.watchdog;

import dev.trackwatch.embedded.EmbeddedClickHouseServer;
import dev.trackwatch.embedded.TestingClickHouse;
import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.fakes.FakeSlackCall;
import dev.trackwatch.fakes.FakeSlackMessage;
import dev.trackwatch.notify.NotificationSink;
import dev.trackwatch.route.Receiver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon with Slack (the real SDK against {@link FakeSlackApi}) and a ClickHouse that is not
 * there yet: the platform channel gets one FIRING; a watchdog restarted on the same state file
 * posts nothing more; once ClickHouse listens on its port, the FIRING message is edited to
 * RESOLVED once and told in its thread.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchdogSlackTest implements TestPropertyProvider {

    private static final String CHANNEL = "#data-platform";

    private FakeSlackApi api;
    private Path stateFile;
    private int port;

    @Inject
    NotificationSink sink;

    @Override
    public Map<String, String> getProperties() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            api = FakeSlackApi.start();
            Path dir = Files.createTempDirectory("watchdog-slack-");
            Path checks = Files.createDirectories(dir.resolve("checks"));
            Files.writeString(checks.resolve("teams.yaml"), """
                    teams:
                      - name: growth
                        slack_channel: "#growth"
                      - name: platform
                        slack_channel: "%s"
                    """.formatted(CHANNEL));
            stateFile = dir.resolve("watchdog.json");
            return Map.ofEntries(
                    Map.entry("trackwatch.clickhouse.url", "jdbc:clickhouse://127.0.0.1:" + port + "/default"),
                    Map.entry("trackwatch.clickhouse.connect-timeout", "1s"),
                    Map.entry("trackwatch.state.database", "watchdog_slack_state"),
                    Map.entry("trackwatch.run.scheduler-enabled", "true"),
                    Map.entry("trackwatch.run.checks-dir", checks.toString()),
                    Map.entry("trackwatch.notify.outbox", dir.resolve("outbox.jsonl").toString()),
                    Map.entry("trackwatch.slack.token", FakeSlackApi.TOKEN),
                    Map.entry("trackwatch.slack.api-url", api.apiUrl()),
                    Map.entry("trackwatch.slack.timeout", "3s"),
                    Map.entry("trackwatch.watchdog.clickhouse-down-after", "2s"),
                    Map.entry("trackwatch.watchdog.clickhouse-up-after", "1s"),
                    Map.entry("trackwatch.watchdog.probe-interval", "1s"),
                    Map.entry("trackwatch.clickhouse.health-interval", "1s"),
                    Map.entry("trackwatch.watchdog.state-file", stateFile.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopSlack() {
        api.close();
    }

    @Test
    void theOutageIsPostedOnceAndResolvedOnce() throws Exception {
        await(() -> !api.messagesIn(CHANNEL).isEmpty());
        Watchdog restarted = new Watchdog(stateFile, sink,
                () -> List.of(new Receiver("platform", CHANNEL, null)), Duration.ofSeconds(2),
                Duration.ZERO, "http://x/runbook");
        restarted.observe("Connection refused", Instant.now());
        restarted.tick(Instant.now());
        List<FakeSlackCall> postsAfterRestart = posts();

        EmbeddedClickHouseServer server = EmbeddedClickHouseServer.start(TestingClickHouse.embedded().engine(),
                EmbeddedClickHouseServer.Options.loopback(port));
        try {
            await(() -> api.messagesIn(CHANNEL).stream().anyMatch(m -> m.edits() > 0));
            await(() -> new StateFile(stateFile).read().outage() == null);
        } finally {
            server.close();
        }

        assertThat(postsAfterRestart).singleElement().satisfies(post ->
                assertThat(post.blocksText()).contains("Trackwatch cannot reach ClickHouse"));
        List<FakeSlackMessage> messages = api.messagesIn(CHANNEL);
        FakeSlackMessage firing = messages.stream().filter(m -> m.threadTs() == null).findFirst().orElseThrow();
        assertThat(firing.edits()).as("the FIRING message edited to RESOLVED, once").isEqualTo(1);
        assertThat(messages).as("one top-level message").hasSize(1);
        assertThat(posts()).filteredOn(p -> firing.ts().equals(p.threadTs())).as("told in its thread once").hasSize(1);
        assertThat(posts()).filteredOn(p -> p.threadTs() == null).as("no second FIRING").hasSize(1);
    }

    private List<FakeSlackCall> posts() {
        return api.calls("chat.postMessage").stream().filter(c -> CHANNEL.equals(c.channel())).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
            Thread.sleep(200); // polling interval of a wait with a deadline, not synchronisation
        }
    }
}

package dev.trackwatch.notify;

import dev.trackwatch.fakes.FakeSlackApi;
import dev.trackwatch.fakes.FakeSlackFailure;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.slack.api.Slack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.trackwatch.fakes.FakeSlackFailure.error;
import static dev.trackwatch.fakes.FakeSlackFailure.hang;
import static dev.trackwatch.fakes.FakeSlackFailure.http;
import static dev.trackwatch.fakes.FakeSlackFailure.rateLimited;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot token never appears in a log line or a {@code toString}, even with the SDK's and
 * Trackwatch's Slack loggers at DEBUG and every kind of failure happening.
 */
class SlackSecretsTest {

    /** Loggers turned up to DEBUG for the test: ours, the SDK's (which logs whole requests) and OkHttp's. */
    private static final List<String> LOGGERS = List.of("dev.trackwatch.notify", "com.slack.api", "okhttp3");

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Map<String, Level> previousLevels = new HashMap<>();
    private Logger root;

    @BeforeEach
    void captureLogs() {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.setContext(logback);
        captured.start();
        root.addAppender(captured);
        for (String name : LOGGERS) {
            Logger logger = logback.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    @AfterEach
    void restoreLogs() {
        root.detachAppender(captured);
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        previousLevels.forEach((name, level) -> logback.getLogger(name).setLevel(level));
    }

    @Test
    void theTokenIsNeverLoggedWhateverHappens() throws Exception {
        try (FakeSlackApi api = FakeSlackApi.start(); Slack slack = TestAlerts.slack(api, Duration.ofMillis(300))) {
            SlackNotifier notifier = TestAlerts.notifier(slack, FakeSlackApi.TOKEN);
            AlertMessage alert = TestAlerts.checkoutDrop();

            String ts = notifier.post("C1", alert).ts();
            notifier.followUp("C1", ts, alert);
            notifier.resolve("C1", ts, alert);
            api.failNext("chat.postMessage", 1, rateLimited(2));
            notifier.post("C1", alert);
            api.failNext("chat.postMessage", 1, http(500));
            notifier.post("C1", alert);
            api.failNext("chat.postMessage", 1, error("channel_not_found"));
            notifier.post("C9", alert);
            api.failNext("chat.postMessage", 1, error("some_new_error_code"));
            notifier.post("C1", alert);
            api.failNext("files.completeUploadExternal", 1, error("invalid_auth"));
            notifier.post("C1", alert);
            api.failNext("chat.update", 1, hang(Duration.ofSeconds(1)));
            notifier.resolve("C1", ts, alert);

            assertThat(api.calls()).allSatisfy(c -> {
                if (!c.method().equals(FakeSlackApi.UPLOAD)) {
                    assertThat(c.authorization()).isEqualTo("Bearer " + FakeSlackApi.TOKEN);
                }
            });
        }

        // The capture is real: the SDK's request logging and our failure lines are in it.
        assertThat(captured.list).anyMatch(e -> e.getLoggerName().startsWith("com.slack.api")
                && e.getFormattedMessage().contains("Authorization: (redacted)"));
        assertThat(captured.list).anyMatch(e -> e.getFormattedMessage().contains("channel_not_found"));
        assertThat(captured.list).anyMatch(e -> e.getFormattedMessage().contains("some_new_error_code"));
        assertThat(captured.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(FakeSlackApi.TOKEN);
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(FakeSlackApi.TOKEN);
            }
        });
    }

    @Test
    void noToStringShowsTheToken() throws Exception {
        try (FakeSlackApi api = FakeSlackApi.start(); Slack slack = TestAlerts.slack(api, Duration.ofSeconds(2))) {
            SlackSettings settings = TestAlerts.settings(api, Duration.ofSeconds(2));
            SlackNotifier notifier = TestAlerts.notifier(slack, FakeSlackApi.TOKEN);
            Delivery delivery = notifier.post("C1", TestAlerts.checkoutDrop());

            assertThat(settings.toString()).contains("token=<redacted>").contains(api.apiUrl())
                    .doesNotContain(FakeSlackApi.TOKEN).doesNotContain("xoxb");
            assertThat(notifier.toString()).doesNotContain(FakeSlackApi.TOKEN);
            assertThat(delivery.toString()).doesNotContain(FakeSlackApi.TOKEN);
            assertThat(SlackFactory.slackConfig(settings).toString()).doesNotContain(FakeSlackApi.TOKEN);
        }
    }
}

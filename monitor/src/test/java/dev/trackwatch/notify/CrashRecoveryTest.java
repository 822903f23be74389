package dev.trackwatch.notify;

import dev.trackwatch.fakes.FakeSlackFailure;
import dev.trackwatch.incidents.IncidentState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.trackwatch.notify.SlackRecoveryFixture.T0;
import static dev.trackwatch.notify.SlackRecoveryFixture.alert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restarts in the middle of a delivery, through the real SDK against the fake Slack: what the
 * notification log still owes is told once after the restart, whatever its type, and a post Slack
 * took before the crash is recorded as what it was instead of being told a second time.
 */
class CrashRecoveryTest {

    private SlackRecoveryFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new SlackRecoveryFixture("trackwatch_crash_recovery_test", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void aToldAfterTheFactMessageStillPendingAtARestartIsToldOnceAfterIt() throws Exception {
        Dispatcher before = f.dispatcher(f.sink());
        f.api.failAll(FakeSlackFailure.http(503));
        before.observe(alert(IncidentState.OPEN, T0), T0);
        before.flush(T0.plusSeconds(30));
        before.observe(alert(IncidentState.RESOLVED, T0.plusSeconds(13 * 60)), T0.plusSeconds(13 * 60));
        f.api.endOutage();
        f.api.failFor("chat.postMessage", Duration.ofHours(1), FakeSlackFailure.http(503));
        before.flush(T0.plusSeconds(14 * 60)); // decided, logged pending, its post fails: then the process dies
        assertThat(f.log.pending()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(Notification.Type.RESOLVED));
        f.api.clearWindows();

        Dispatcher restarted = f.dispatcher(f.sink());
        assertThat(f.log.owedIncidents()).containsExactly("inc-ios");
        restarted.observe(alert(IncidentState.RESOLVED, T0.plusSeconds(13 * 60)), T0.plusSeconds(20 * 60));
        List<Notification> told = restarted.flush(T0.plusSeconds(20 * 60));
        List<Notification> later = restarted.flush(T0.plusSeconds(40 * 60));

        assertThat(told).singleElement().satisfies(n -> assertThat(n.type()).isEqualTo(Notification.Type.RESOLVED));
        assertThat(later).isEmpty();
        assertThat(f.api.messagesIn("C0GROWTH")).singleElement().satisfies(m ->
                assertThat(m.text()).contains("Fired 02:31\u201302:44 UTC while Slack was unreachable"));
        assertThat(f.log.pending()).isEmpty();
    }
    @Test
    void aFiringPostSlackTookBeforeTheCrashIsRecordedAsPostedNotToldAgainAfterTheFact() throws Exception {
        SlackNotifier notifier = TestAlerts.notifier(f.slack, dev.trackwatch.fakes.FakeSlackApi.TOKEN);
        NotificationSink postsThenDies = new NotificationSink() {
            @Override
            public Delivery deliver(Notification n) {
                notifier.post(n.channel(), n.message());
                throw new IllegalStateException("killed before the log said sent");
            }

            @Override
            public Lookup lookup(Notification n, java.time.Instant loggedAt) {
                return Lookup.notDelivered();
            }
        };
        SlackRecoveryFixture.crashes(f.dispatcher(postsThenDies), T0);
        String parent = f.api.messagesIn("C0GROWTH").getFirst().ts();

        // The incident ends while the daemon is down; the restart finds the FIRING post by its metadata.
        Dispatcher restarted = f.dispatcher(f.sink());
        restarted.observe(alert(IncidentState.RESOLVED, T0.plusSeconds(8 * 60)), T0.plusSeconds(10 * 60));
        List<Notification> recovered = restarted.flush(T0.plusSeconds(10 * 60));
        List<Notification> resolved = restarted.flush(T0.plusSeconds(16 * 60));

        assertThat(recovered).singleElement().satisfies(n -> assertThat(n.type()).isEqualTo(Notification.Type.FIRING));
        assertThat(resolved).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(Notification.Type.RESOLVED);
            assertThat(n.threadTs()).isEqualTo(parent);
        });
        assertThat(f.api.topLevelMessages()).singleElement().satisfies(m -> assertThat(m.ts()).isEqualTo(parent));
        assertThat(f.api.allMessages()).noneSatisfy(m -> assertThat(m.text()).contains("while Slack was unreachable"));
        assertThat(f.log.entry(Notification.idOf(SlackRecoveryFixture.groupKey(), 1))).hasValueSatisfying(e -> {
            assertThat(e.type()).isEqualTo(Notification.Type.FIRING);
            assertThat(e.status()).isEqualTo("sent");
            assertThat(e.ts()).isEqualTo(parent);
        });
        assertThat(f.log.pending()).isEmpty();
    }
    @Test
    void aLookupDuringASlackOutageKeepsTheMessagePendingUntilSlackAnswersNeverAbandoningIt() throws Exception {
        SlackRecoveryFixture.crashes(f.dispatcher(SlackRecoveryFixture.dies()), T0);
        Dispatcher restarted = f.dispatcher(f.sink());
        restarted.observe(alert(IncidentState.OPEN, T0), T0.plusSeconds(60));
        List<FakeSlackFailure> outage = List.of(FakeSlackFailure.http(503), FakeSlackFailure.rateLimited(1),
                FakeSlackFailure.http(500), FakeSlackFailure.error("internal_error"),
                FakeSlackFailure.hang(Duration.ofSeconds(8)));
        List<Notification> during = new java.util.ArrayList<>();
        for (int i = 0; i < outage.size(); i++) {
            f.api.failNext("conversations.history", 1, outage.get(i));
            during.addAll(restarted.flush(T0.plusSeconds(90 + 300L * i))); // 20 minutes of outage
        }
        List<Notification> after = restarted.flush(T0.plusSeconds(30 * 60));

        assertThat(during).isEmpty();
        assertThat(f.abandoned()).isZero();
        assertThat(after).singleElement().satisfies(n -> assertThat(n.type()).isEqualTo(Notification.Type.FIRING));
        assertThat(f.api.messagesIn("C0GROWTH")).singleElement()
                .satisfies(m -> assertThat(m.text()).doesNotContain("may repeat"));
        assertThat(f.log.pending()).isEmpty();
    }
}

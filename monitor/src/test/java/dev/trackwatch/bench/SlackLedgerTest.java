package dev.trackwatch.bench;

import dev.trackwatch.fakes.FakeSlackApi;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger of the fault drills counts duplicates, losses and disorder against the notification log. */
class SlackLedgerTest {

    @Test
    void countsWhatSlackGotAgainstWhatTheLogOwes() throws Exception {
        try (FakeSlackApi slack = FakeSlackApi.start(); HttpClient http = HttpClient.newHttpClient()) {
            String first = post(http, slack, "g1", "FIRING", null);
            post(http, slack, "g1", "RESOLVED", first);
            post(http, slack, "g2", "FIRING", null);
            post(http, slack, "g2", "FIRING", null);
            String third = post(http, slack, "g4", "RESOLVED", null);
            post(http, slack, "g4", "FIRING", third);

            SlackLedger ledger = SlackLedger.compare(slack, List.of(
                    new String[] {"g1", "1", "FIRING", "sent"},
                    new String[] {"g1", "2", "RESOLVED", "sent"},
                    new String[] {"g2", "1", "FIRING", "sent"},
                    new String[] {"g3", "1", "FIRING", "pending"},
                    new String[] {"g4", "1", "FIRING", "sent"},
                    new String[] {"g4", "2", "RESOLVED", "sent"}));

            assertThat(ledger.groups()).isEqualTo(4);
            assertThat(ledger.owed()).isEqualTo(6);
            assertThat(ledger.posted()).isEqualTo(6);
            assertThat(ledger.duplicates()).as("g2's first message twice").isEqualTo(1);
            assertThat(ledger.duplicateFirsts()).as("g2's thread opened twice").isEqualTo(1);
            assertThat(ledger.lost()).as("g3 never reached Slack").isEqualTo(1);
            assertThat(ledger.unsent()).isEqualTo(1);
            assertThat(ledger.outOfOrder()).as("g4 resolved before it fired").isEqualTo(1);
        }
    }

    /** Posts a message with Trackwatch's metadata as the SDK would; returns its ts. */
    private static String post(HttpClient http, FakeSlackApi slack, String group, String status, String threadTs)
            throws Exception {
        String body = "{\"channel\":\"#alerts\",\"text\":\"" + group + " " + status + "\""
                + (threadTs == null ? "" : ",\"thread_ts\":\"" + threadTs + "\"")
                + ",\"metadata\":{\"event_type\":\"trackwatch_alert\",\"event_payload\":{\"group_key\":\"" + group
                + "\",\"status\":\"" + status + "\"}}}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(slack.apiUrl() + "chat.postMessage"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + FakeSlackApi.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"ok\":true");
        return r.body().replaceAll(".*\"ts\":\"([^\"]+)\".*", "$1");
    }
}

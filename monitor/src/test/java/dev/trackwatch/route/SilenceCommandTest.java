package dev.trackwatch.route;

import dev.trackwatch.cli.CliRun;

import dev.trackwatch.embedded.TestingClickHouse;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trackwatch silence add|list|expire} against a running daemon's API. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilenceCommandTest implements TestPropertyProvider {

    static final String TOKEN = "cli-test-token";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "trackwatch.clickhouse.embedded.enabled", "true",
                "trackwatch.clickhouse.embedded.data-dir", TestingClickHouse.embeddedDataDir().toString(),
                "trackwatch.run.scheduler-enabled", "false",
                "trackwatch.api.token", TOKEN);
    }

    /** The command's own output: the daemon runs in this JVM and its log lines reach the same stdout. */
    private static String own(String out) {
        return out.lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*"))
                .map(l -> l + "\n").reduce("", String::concat);
    }

    private String api() {
        return server.getURL().toString();
    }

    @Test
    void addListAndExpire() {
        CliRun add = CliRun.run("silence", "add", "--api", api(), "--token", TOKEN,
                "--matchers", "dataset=\"product_events\",kind=~\"volume|null_rate\"", "--matchers", "check=\"cli_test\"",
                "--duration", "2h", "--comment", "backfill", "--by", "ana");

        assertThat(add.err()).isEmpty();
        assertThat(add.exit()).isZero();
        String id = own(add.out()).strip();
        assertThat(id).matches("[0-9a-f-]{36}");

        CliRun list = CliRun.run("silence", "list", "--api", api(), "--token", TOKEN);
        assertThat(list.exit()).isZero();
        assertThat(own(list.out()).lines().findFirst().orElseThrow())
                .matches("ID +STATUS +STARTS +ENDS +CREATED BY +MATCHERS +COMMENT");
        assertThat(own(list.out()).lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow())
                .matches(id + "  active   \\S+Z +\\S+Z +ana +dataset=\"product_events\",kind=~\"volume\\|null_rate\","
                        + "check=\"cli_test\"  backfill");

        CliRun expire = CliRun.run("silence", "expire", "--api", api(), "--token", TOKEN, id);
        assertThat(expire.exit()).isZero();
        assertThat(own(expire.out())).isEqualTo("expired " + id + "\n");
        assertThat(CliRun.run("silence", "list", "--api", api(), "--token", TOKEN).out()).doesNotContain(id);
        assertThat(CliRun.run("silence", "list", "--api", api(), "--token", TOKEN, "--expired").out())
                .containsPattern(id + "  expired");

        CliRun again = CliRun.run("silence", "expire", "--api", api(), "--token", TOKEN, id);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("trackwatch: the daemon at " + api() + " answered 404: silence " + id
                + " has already ended\n");
    }

    @Test
    void refusalsAreOneLineNamingTheProblem() {
        CliRun noComment = CliRun.run("silence", "add", "--api", api(), "--token", TOKEN,
                "--matchers", "dataset=\"product_events\"", "--duration", "2h", "--comment", " ");
        CliRun noToken = CliRun.run("silence", "add", "--api", api(), "--token", "",
                "--matchers", "dataset=\"product_events\"", "--duration", "2h", "--comment", "x");
        CliRun badMatcher = CliRun.run("silence", "add", "--api", api(), "--token", TOKEN,
                "--matchers", "dataset=~\"(\"", "--duration", "2h", "--comment", "x");
        CliRun everything = CliRun.run("silence", "add", "--api", api(), "--token", TOKEN,
                "--matchers", "team=~\".+\"", "--duration", "2h", "--comment", "x");
        CliRun down = CliRun.run("silence", "list", "--api", "http://127.0.0.1:1", "--token", TOKEN);

        assertThat(noComment.exit()).isEqualTo(1);
        assertThat(noComment.err()).isEqualTo("trackwatch: the daemon at " + api() + " answered 400: comment: a silence "
                + "needs a comment saying why, such as \"backfill of product_events\"\n");
        assertThat(noToken.err()).isEqualTo("trackwatch: the daemon at " + api() + " answered 401: missing bearer token: "
                + "send Authorization: Bearer <token>\n");
        assertThat(badMatcher.err()).isEqualTo("trackwatch: the daemon at " + api() + " answered 400: matchers: matcher "
                + "'dataset=~\"(\"': invalid regular expression \"(\": missing closing ) `(`\n");
        assertThat(everything.exit()).isEqualTo(1);
        assertThat(everything.err()).isEqualTo("trackwatch: the daemon at " + api() + " answered 400: matchers: a silence "
                + "needs at least one matcher name=\"value\" with a non-empty value, such as dataset=\"product_events\": "
                + "without one it could match every alert\n");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.err()).isEqualTo("trackwatch: cannot reach the daemon at http://127.0.0.1:1: connection refused "
                + "(is trackwatch serve or demo running there?)\n");
    }
}

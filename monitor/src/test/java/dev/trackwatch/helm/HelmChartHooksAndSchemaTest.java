package dev.trackwatch.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.trackwatch.helm.RenderedChart.RENAMED_HOOK;
import static dev.trackwatch.helm.RenderedChart.at;
import static dev.trackwatch.helm.RenderedChart.ci;
import static dev.trackwatch.helm.RenderedChart.list;
import static dev.trackwatch.helm.RenderedChart.named;
import static dev.trackwatch.helm.RenderedChart.strings;
import static dev.trackwatch.helm.RenderedChart.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The chart's hooks and its values schema: {@code trackwatch validate} runs as a pre-install/pre-upgrade
 * Job against ClickHouse on its own copy of the checks tree, {@code helm test} asks the daemon's API through
 * the Service, and values.schema.json rejects a misspelt or out-of-range value naming it.
 */
class HelmChartHooksAndSchemaTest {

    private static final String NAME = RenderedChart.RELEASE + "-trackwatch";

    @Test
    void validateJobRunsBeforeInstallAndUpgradeOnItsOwnCopyOfTheTree() {
        RenderedChart chart = RenderedChart.renderWithHooks(ci("sharded-values.yaml"));

        Map<String, Object> job = chart.get("Job", NAME + "-validate");
        assertThat(at(job, "metadata.annotations")).isEqualTo(Map.of(RENAMED_HOOK, "pre-install,pre-upgrade",
                "helm.sh/hook-weight", "0", "helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded"));
        Map<String, Object> copy = chart.get("ConfigMap", NAME + "-validate");
        assertThat(at(copy, "metadata.annotations." + RENAMED_HOOK)).isEqualTo("pre-install,pre-upgrade");
        Map<String, Object> copyAnnotations = RenderedChart.asMap(at(copy, "metadata.annotations"));
        assertThat(Integer.parseInt((String) copyAnnotations.get("helm.sh/hook-weight")))
                .as("the copy exists before the Job").isNegative();
        assertThat(at(copy, "data")).isEqualTo(at(chart.get("ConfigMap", NAME + "-checks"), "data"));

        Map<String, Object> pod = RenderedChart.asMap(at(job, "spec.template.spec"));
        Map<String, Object> validate = named(list(pod, "containers"), "validate");
        assertThat(at(validate, "args")).isEqualTo(List.of("validate", "/etc/trackwatch/config/..data/checks",
                "--runbooks", "/etc/trackwatch/config/..data/runbooks"));
        assertThat(at(validate, "env.[TRACKWATCH_CLICKHOUSE_URL].value"))
                .isEqualTo("jdbc:clickhouse://clickhouse.analytics.svc:8123/default");
        assertThat(at(validate, "env.[TRACKWATCH_CLICKHOUSE_PASSWORD].valueFrom.secretKeyRef.name"))
                .isEqualTo("trackwatch-secrets");
        assertThat(at(validate, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(pod, "volumes.[config].configMap.name")).isEqualTo(NAME + "-validate");
        assertThat(at(pod, "restartPolicy")).isEqualTo("Never");
        assertThat(at(pod, "serviceAccountName")).as("the chart's account does not exist before install").isNull();
        assertThat(at(pod, "automountServiceAccountToken")).isEqualTo(false);
    }

    @Test
    void validateJobOfAGitSyncedTreeChecksItOutFirst() {
        RenderedChart chart = RenderedChart.renderWithHooks(ci("gitsync-values.yaml"));

        Map<String, Object> pod = RenderedChart.asMap(at(chart.get("Job", NAME + "-validate"), "spec.template.spec"));
        assertThat(strings(named(list(pod, "initContainers"), "git-sync-init"), "args")).contains("--one-time");
        assertThat(strings(named(list(pod, "containers"), "validate"), "args"))
                .contains("/git/current/monitoring/checks", "/git/current/monitoring/runbooks");
        assertThat(chart.all("ConfigMap")).isEmpty();
    }

    @Test
    void helmTestAsksTheApiThroughTheServiceWithTheToken() {
        RenderedChart chart = RenderedChart.renderWithHooks(ci("sharded-values.yaml"));

        Map<String, Object> test = chart.get("Pod", NAME + "-test-api");
        assertThat(at(test, "metadata.annotations." + RENAMED_HOOK)).isEqualTo("test");
        Map<String, Object> container = named(list(test, "spec.containers"), "test-api");
        assertThat(at(container, "args")).isEqualTo(List.of("silence", "list"));
        assertThat(at(container, "env.[TRACKWATCH_API_URL].value")).isEqualTo("http://" + NAME + ":8080");
        assertThat(at(container, "env.[TRACKWATCH_API_TOKEN].valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", "trackwatch-secrets", "key", "api-token"));
        assertThat(at(container, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
    }

    @Test
    void hooksCanBeSwitchedOff() {
        RenderedChart chart = RenderedChart.renderWithHooks(
                values("validateHook:\n  enabled: false\nhelmTest:\n  enabled: false\n"));

        assertThat(chart.all("Job")).isEmpty();
        assertThat(chart.all("Pod")).isEmpty();
        assertThat(chart.names()).doesNotContain("ConfigMap/" + NAME + "-validate");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'image:\\n  repositry: trackwatch\\n'          | at '/image': additional properties 'repositry' not allowed
            'shard: 3\\n'                                  | additional properties 'shard' not allowed
            'config:\\n  gitSync:\\n    branch: main\\n'    | at '/config/gitSync': additional properties 'branch' not allowed
            'shards: 0\\n'                                 | at '/shards': minimum: got 0, want 1
            'config:\\n  source: git\\n'                   | at '/config/source'
            'clickhouse:\\n  url: http://ch:8123\\n'        | at '/clickhouse/url'
            'probes:\\n  readiness:\\n    period: 5\\n'     | at '/probes/readiness': additional properties 'period' not allowed
            'securityContext:\\n  readOnlyRootFs: true\\n' | at '/securityContext': additional properties 'readOnlyRootFs' not allowed
            """)
    void valuesThatBreakTheSchemaAreRejectedNamingTheKey(String yaml, String message) {
        Throwable rejected = catchThrowable(() -> RenderedChart.render(values(yaml.replace("\\n", "\n"))));

        assertThat(rejected).isNotNull();
        assertThat(rejected.getMessage()).contains("values don't meet the specifications of the schema").contains(message);
    }

    @Test
    void requiredValuesOfASourceFailTheRenderWithTheirName() {
        Throwable noRepo = catchThrowable(() -> RenderedChart.render(values("config:\n  source: gitSync\n")));
        Throwable noName = catchThrowable(() -> RenderedChart.render(values("config:\n  source: existingConfigMap\n")));
        Throwable noHost = catchThrowable(() -> RenderedChart.render(values("ingress:\n  enabled: true\n")));

        assertThat(noRepo).hasMessageContaining("config.gitSync.repo is required when config.source is gitSync");
        assertThat(noName).hasMessageContaining("config.existingConfigMap.name is required");
        assertThat(noHost).hasMessageContaining("ingress.hosts needs at least one host");
    }
}

package dev.trackwatch.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.trackwatch.helm.RenderedChart.at;
import static dev.trackwatch.helm.RenderedChart.ci;
import static dev.trackwatch.helm.RenderedChart.list;
import static dev.trackwatch.helm.RenderedChart.named;
import static dev.trackwatch.helm.RenderedChart.strings;
import static dev.trackwatch.helm.RenderedChart.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart {@code helm/trackwatch} as Helm renders it (helm-java, no cluster): it lints strictly, and the
 * default values and every {@code ci/*-values.yaml} render a StatefulSet whose replicas are the shard count
 * and whose pods take their shard index from their ordinal, secure by default, probing Micronaut's health
 * endpoints, reading secrets only from the existing Secret, and rolled by a checksum when checks change.
 */
class HelmChartTest {

    private static final String NAME = RenderedChart.RELEASE + "-trackwatch";

    @Test
    void lintsStrictlyWithoutWarnings() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("lint: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultValuesRunOneShardSecureByDefault() {
        RenderedChart chart = RenderedChart.render();

        Map<String, Object> statefulSet = chart.get("StatefulSet", NAME);
        assertThat(at(statefulSet, "spec.replicas")).isEqualTo(1);
        assertThat(at(statefulSet, "spec.podManagementPolicy")).isEqualTo("Parallel");
        Map<String, Object> pod = chart.podSpec();
        assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(at(pod, "automountServiceAccountToken")).isEqualTo(false);
        assertThat(at(chart.get("ServiceAccount", NAME), "automountServiceAccountToken")).isEqualTo(false);
        assertThat(chart.all("Secret")).isEmpty();
        assertThat(chart.all("PodDisruptionBudget")).as("one shard has nothing to budget").isEmpty();
        assertThat(chart.all("ServiceMonitor")).isEmpty();
        assertThat(chart.all("Ingress")).isEmpty();
        assertThat(chart.all("NetworkPolicy")).hasSize(1);
        assertThat(at(chart.daemon(), "env.[TRACKWATCH_CLICKHOUSE_PASSWORD]"))
                .as("no Secret named, no password variable").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sharded-values.yaml", "gitsync-values.yaml", "existing-configmap-values.yaml"})
    void everyContainerIsLockedDownAndTheShardsComeFromTheOrdinal(String valuesFile) {
        RenderedChart chart = valuesFile.isEmpty() ? RenderedChart.render() : RenderedChart.render(ci(valuesFile));
        int shards = valuesFile.isEmpty() ? 1 : shardsOf(valuesFile);

        assertThat(chart.documents).allSatisfy(d -> {
            assertThat(d).containsKeys("apiVersion", "kind");
            assertThat(at(d, "metadata.name")).asString().isNotBlank().hasSizeLessThanOrEqualTo(63);
        });
        assertThat(at(chart.get("StatefulSet", NAME), "spec.replicas")).isEqualTo(shards);
        Map<String, Object> daemon = chart.daemon();
        assertThat(at(daemon, "env.[TRACKWATCH_RUN_SHARD_INDEX].valueFrom.fieldRef.fieldPath"))
                .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
        assertThat(at(daemon, "env.[TRACKWATCH_RUN_SHARD_COUNT].value")).isEqualTo(String.valueOf(shards));
        assertThat(at(daemon, "args")).isEqualTo(List.of("serve"));
        List<Map<String, Object>> containers = new java.util.ArrayList<>(list(chart.podSpec(), "containers"));
        containers.addAll(list(chart.podSpec(), "initContainers"));
        assertThat(containers).allSatisfy(c -> {
            assertThat(at(c, "securityContext.readOnlyRootFilesystem")).as("%s", c.get("name")).isEqualTo(true);
            assertThat(at(c, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
            assertThat(at(c, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
            assertThat(at(c, "volumeMounts.[tmp].mountPath")).isEqualTo("/tmp");
        });
        assertThat(at(named(list(chart.podSpec(), "volumes"), "tmp"), "emptyDir")).isEqualTo(Map.of());
    }

    @Test
    void probesUseMicronautsLivenessAndReadinessOnTheManagementPort() {
        Map<String, Object> daemon = RenderedChart.render().daemon();

        assertThat(at(daemon, "startupProbe.httpGet.path")).isEqualTo("/health/liveness");
        assertThat(at(daemon, "livenessProbe.httpGet.path")).isEqualTo("/health/liveness");
        assertThat(at(daemon, "readinessProbe.httpGet.path")).isEqualTo("/health/readiness");
        assertThat(at(daemon, "readinessProbe.httpGet.port")).isEqualTo("management");
        assertThat(at(daemon, "ports.[management].containerPort")).isEqualTo(8081);
        assertThat(at(daemon, "env.[ENDPOINTS_ALL_PORT].value")).isEqualTo("8081");
        assertThat(at(daemon, "ports.[http].containerPort")).isEqualTo(8080);
    }

    @Test
    void secretsAreReferencedFromTheExistingSecretNeverRendered() {
        RenderedChart chart = RenderedChart.render(ci("sharded-values.yaml"));

        Map<String, Object> daemon = chart.daemon();
        assertThat(at(daemon, "env.[TRACKWATCH_CLICKHOUSE_PASSWORD].valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", "trackwatch-secrets", "key", "clickhouse-password"));
        assertThat(at(daemon, "env.[TRACKWATCH_SLACK_TOKEN].valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", "trackwatch-secrets", "key", "slack-token"));
        assertThat(at(daemon, "env.[TRACKWATCH_API_TOKEN].valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", "trackwatch-secrets", "key", "api-token"));
        assertThat(chart.all("Secret")).isEmpty();
        List<Map<String, Object>> env = list(daemon, "env");
        assertThat(env).filteredOn(e -> e.containsKey("value"))
                .noneMatch(e -> String.valueOf(e.get("name")).matches(".*(PASSWORD|TOKEN).*"));
    }

    @Test
    void shardedValuesAddTheBudgetTheMonitorTheIngressAndPersistentState() {
        RenderedChart chart = RenderedChart.render(ci("sharded-values.yaml"));

        Map<String, Object> budget = chart.get("PodDisruptionBudget", NAME);
        assertThat(at(budget, "spec.maxUnavailable")).isEqualTo(1);
        assertThat(at(budget, "spec.unhealthyPodEvictionPolicy")).isEqualTo("AlwaysAllow");
        Map<String, Object> monitor = chart.get("ServiceMonitor", NAME);
        assertThat(at(monitor, "spec.endpoints")).isEqualTo(List.of(Map.of("port", "management",
                "path", "/prometheus", "interval", "30s", "scrapeTimeout", "10s")));
        assertThat(at(monitor, "metadata.labels.release")).isEqualTo("kube-prometheus-stack");
        Map<String, Object> ingress = chart.get("Ingress", NAME);
        assertThat(at(ingress, "spec.rules")).asString().contains("name=http").doesNotContain("management");
        assertThat(at(chart.daemon(), "env.[TRACKWATCH_PUBLIC_URL].value")).isEqualTo("https://trackwatch.example.com");
        assertThat(list(chart.get("StatefulSet", NAME), "spec.volumeClaimTemplates")).singleElement()
                .satisfies(claim -> assertThat(at(claim, "spec.resources.requests.storage")).isEqualTo("2Gi"));
        assertThat(list(chart.podSpec(), "volumes")).noneMatch(v -> "data".equals(v.get("name")));
        assertThat(list(chart.podSpec(), "volumes.[config].configMap.items"))
                .contains(Map.of("key", "checks__tracking-plan__signup__1.json", "path", "checks/tracking-plan/signup/1.json"));
        assertThat(at(chart.daemon(), "env.[TRACKWATCH_RUN_CHECKS_DIR].value"))
                .isEqualTo("/etc/trackwatch/config/..data/checks");
    }

    @Test
    void checksumAnnotationChangesWithTheChecksAndOnlyWithThem() {
        Object base = checksum(RenderedChart.render(ci("sharded-values.yaml")));
        Object changedCheck = checksum(RenderedChart.render(ci("sharded-values.yaml"),
                values("config:\n  checks:\n    teams.yaml: \"teams: {}\\n\"\n")));
        Object changedRunbook = checksum(RenderedChart.render(ci("sharded-values.yaml"),
                values("config:\n  runbooks:\n    volume.md: \"# Volume fell\\n\"\n")));
        Object otherValue = checksum(RenderedChart.render(ci("sharded-values.yaml"), values("run:\n  concurrency: 4\n")));

        assertThat(base).asString().matches("[0-9a-f]{64}");
        assertThat(changedCheck).isNotEqualTo(base);
        assertThat(changedRunbook).isNotEqualTo(base).isNotEqualTo(changedCheck);
        assertThat(otherValue).isEqualTo(base);
    }

    @Test
    void gitSyncChecksOutBeforeTheDaemonStartsAndFollowsTheBranch() {
        RenderedChart chart = RenderedChart.render(ci("gitsync-values.yaml"));

        Map<String, Object> init = named(list(chart.podSpec(), "initContainers"), "git-sync-init");
        assertThat(strings(init, "args")).contains("--one-time", "--link=current",
                "--repo=https://git.example.com/data/trackwatch-checks.git");
        Map<String, Object> sidecar = named(list(chart.podSpec(), "containers"), "git-sync");
        assertThat(strings(sidecar, "args")).contains("--period=60s").doesNotContain("--one-time");
        assertThat(at(sidecar, "envFrom")).isEqualTo(List.of(Map.of("secretRef", Map.of("name", "trackwatch-git"))));
        assertThat(at(chart.daemon(), "env.[TRACKWATCH_RUN_CHECKS_DIR].value")).isEqualTo("/git/current/monitoring/checks");
        assertThat(at(chart.daemon(), "env.[TRACKWATCH_SLACK_TOKEN].valueFrom.secretKeyRef.optional")).isEqualTo(true);
        assertThat(at(chart.daemon(), "volumeMounts.[git].readOnly")).isEqualTo(true);
        assertThat(chart.all("ConfigMap")).isEmpty();
        assertThat(at(chart.get("StatefulSet", NAME), "spec.template.metadata.annotations"))
                .as("no checksum: git-sync and the daemon's reload follow the branch").isNull();
    }

    @Test
    void anExistingConfigMapIsMountedWithItsItemsAndNothingIsRenderedForIt() {
        RenderedChart chart = RenderedChart.render(ci("existing-configmap-values.yaml"));

        assertThat(at(chart.podSpec(), "volumes.[config].configMap.name")).isEqualTo("team-checks");
        assertThat(list(chart.podSpec(), "volumes.[config].configMap.items"))
                .contains(Map.of("key", "signup-1.json", "path", "checks/tracking-plan/signup/1.json"));
        assertThat(chart.all("ConfigMap")).isEmpty();
        assertThat(chart.all("NetworkPolicy")).isEmpty();
        assertThat(chart.all("PodDisruptionBudget")).isEmpty();
    }

    private static Object checksum(RenderedChart chart) {
        return at(chart.get("StatefulSet", NAME), "spec.template.metadata.annotations.checksum/config");
    }

    private static int shardsOf(String valuesFile) {
        try {
            Map<String, Object> values = RenderedChart.asMap(new org.yaml.snakeyaml.Yaml(
                    new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()))
                    .load(java.nio.file.Files.readString(ci(valuesFile))));
            return (Integer) values.get("shards");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

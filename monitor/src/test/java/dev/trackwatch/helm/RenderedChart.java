package dev.trackwatch.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code helm/trackwatch} chart rendered by Helm's own Go SDK (helm-java), each document parsed
 * with SnakeYAML, with look-ups by kind and name and by dotted path. No cluster and no Helm CLI.
 */
final class RenderedChart {

    /** The chart, from the module directory the tests run in. */
    static final Path CHART = Path.of("../helm/trackwatch");
    /** The release name and namespace every render uses, so resource names are known. */
    static final String RELEASE = "rel";
    static final String NAMESPACE = "mon";
    /** A Kubernetes version that satisfies the chart's kubeVersion; Helm's client-only default is older. */
    static final String KUBE_VERSION = "1.31.0";
    /**
     * Helm's template action prints the manifest without hooks. To look at the hook resources (the validate
     * Job, its ConfigMap and the test Pod) they are rendered from a copy of the chart whose hook annotation
     * key is renamed to this one, so Helm treats them as plain resources and the annotation values stay.
     */
    static final String RENAMED_HOOK = "rendered-for-test/hook";

    final List<Map<String, Object>> documents;

    private RenderedChart(List<Map<String, Object>> documents) {
        this.documents = documents;
    }

    /** Renders the chart with these values files, applied in order after values.yaml. */
    static RenderedChart render(Path... valuesFiles) {
        return render(CHART, valuesFiles);
    }

    /** Renders the chart, hook resources included under {@link #RENAMED_HOOK} annotations. */
    static RenderedChart renderWithHooks(Path... valuesFiles) {
        return render(copyWithRenamedHooks(), valuesFiles);
    }

    private static RenderedChart render(Path chart, Path... valuesFiles) {
        TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        return parse(template.call());
    }

    /** Parses every YAML document of {@code manifest}; empty documents (a template rendering nothing) are dropped. */
    static RenderedChart parse(String manifest) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(manifest)) {
            if (document != null) {
                documents.add(asMap(document));
            }
        }
        return new RenderedChart(documents);
    }

    /** Writes {@code yaml} to a temporary values file. */
    static Path values(String yaml) {
        try {
            Path file = Files.createTempFile("trackwatch-values-", ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ci/ values file of the chart. */
    static Path ci(String name) {
        return CHART.resolve("ci").resolve(name);
    }

    /** Returns the one document of {@code kind} named {@code name}, or fails naming what was rendered. */
    Map<String, Object> get(String kind, String name) {
        List<Map<String, Object>> found = all(kind).stream().filter(d -> name.equals(at(d, "metadata.name"))).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " " + kind + " named " + name + " in " + names());
        }
        return found.getFirst();
    }

    /** Returns every document of {@code kind}. */
    List<Map<String, Object>> all(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    /** Kind/name of every document, for failure messages. */
    List<String> names() {
        return documents.stream().map(d -> d.get("kind") + "/" + at(d, "metadata.name")).toList();
    }

    /** The StatefulSet's pod spec. */
    Map<String, Object> podSpec() {
        return asMap(at(get("StatefulSet", RELEASE + "-trackwatch"), "spec.template.spec"));
    }

    /** The daemon's container. */
    Map<String, Object> daemon() {
        return named(list(podSpec(), "containers"), "trackwatch");
    }

    /**
     * Returns the value at {@code path} (dot-separated map keys; a key of the form {@code [name]} picks the
     * element of a list whose {@code name} is that), or null when some step is missing.
     */
    static Object at(Object node, String path) {
        Object current = node;
        for (String step : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            if (step.startsWith("[") && step.endsWith("]")) {
                String wanted = step.substring(1, step.length() - 1);
                current = ((List<?>) current).stream().map(RenderedChart::asMap)
                        .filter(m -> wanted.equals(m.get("name"))).findFirst().orElse(null);
            } else {
                current = asMap(current).get(step);
            }
        }
        return current;
    }

    /** The list at {@code path} of {@code node} (an empty one when absent). */
    static List<Map<String, Object>> list(Object node, String path) {
        Object value = at(node, path);
        return value == null ? List.of() : ((List<?>) value).stream().map(RenderedChart::asMap).toList();
    }

    /** The list of strings at {@code path} of {@code node}, such as a container's args (empty when absent). */
    static List<String> strings(Object node, String path) {
        Object value = at(node, path);
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }

    /** The element of {@code items} whose {@code name} is {@code name}, or fails. */
    static Map<String, Object> named(List<Map<String, Object>> items, String name) {
        return items.stream().filter(m -> name.equals(m.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + items));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object node) {
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError("not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    private static Path copyWithRenamedHooks() {
        try {
            Path copy = Files.createTempDirectory("trackwatch-chart-").resolve("trackwatch");
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(CHART.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else if (file.toString().endsWith(".yaml") && file.startsWith(CHART.resolve("templates"))) {
                        Files.writeString(target, Files.readString(file).replace("helm.sh/hook:", RENAMED_HOOK + ":"));
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

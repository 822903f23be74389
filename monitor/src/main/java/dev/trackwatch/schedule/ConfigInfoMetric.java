package dev.trackwatch.schedule;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code trackwatch_config_info{hash}}: one series, the running config's hash (first 12 hex
 * digits), value 1. Earlier hashes are removed rather than kept at 0, so the series count does not
 * grow with every reload.
 *
 * <p>Why not a Micrometer gauge: Micrometer's Prometheus naming strips the reserved {@code _info}
 * suffix, so a gauge named {@code trackwatch_config_info} is exported as {@code trackwatch_config}.
 * On a Prometheus registry this is therefore a Prometheus {@link Info} metric, which is exported
 * with its {@code _info} name; other registries get a gauge of that name.
 */
final class ConfigInfoMetric {

    private static final String NAME = "trackwatch_config_info";
    private static final String HELP = "the checks config running, by hash";

    private final MeterRegistry registry;
    private final List<Info> infos = new ArrayList<>();
    private final List<PrometheusRegistry> registered = new ArrayList<>();
    private Gauge gauge;

    ConfigInfoMetric(MeterRegistry registry) {
        this.registry = registry;
        for (PrometheusMeterRegistry prometheus : prometheusRegistries(registry)) {
            PrometheusRegistry target = prometheus.getPrometheusRegistry();
            infos.add(Info.builder().name(NAME).help(HELP).labelNames("hash").register(target));
            registered.add(target);
        }
    }

    /** Unregisters the metric, so that a registry outliving this holder can take a new one. */
    synchronized void close() {
        for (int i = 0; i < infos.size(); i++) {
            registered.get(i).unregister(infos.get(i));
        }
        infos.clear();
        registered.clear();
        if (gauge != null) {
            registry.remove(gauge);
            gauge = null;
        }
    }

    /** Makes {@code hash} the one series. */
    synchronized void running(String hash) {
        String shortHash = hash.substring(0, Math.min(12, hash.length()));
        if (!infos.isEmpty()) {
            infos.forEach(info -> info.setLabelValues(shortHash));
            return;
        }
        if (gauge != null) {
            registry.remove(gauge);
        }
        gauge = Gauge.builder(NAME, () -> 1).tag("hash", shortHash).description(HELP).register(registry);
    }

    private static List<PrometheusMeterRegistry> prometheusRegistries(MeterRegistry registry) {
        List<PrometheusMeterRegistry> found = new ArrayList<>();
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            found.add(prometheus);
        } else if (registry instanceof CompositeMeterRegistry composite) {
            composite.getRegistries().forEach(r -> found.addAll(prometheusRegistries(r)));
        }
        return found;
    }
}

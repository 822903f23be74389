package dev.trackwatch.plan;

import dev.trackwatch.config.EventContract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tracking-plan rules a {@link Metric.PlanViolations} metric counts, derived from the event
 * contracts alone (no SQL), so that series names are known before any table is looked at.
 *
 * <p>A rule is identified by event, property and kind, not by schema version: when an event has
 * several versions, the rule's condition is the OR of each version's condition restricted to
 * that version's rows. That keeps a series such as {@code plan_violation:purchase:amount_cents:type}
 * continuous when the app ships a new schema version. Without a schema version column, only the
 * newest version of each event applies (older contracts cannot be told apart from it).
 */
final class PlanRules {

    /** What a rule checks. */
    enum Kind {
        /** A required property is absent. */
        REQUIRED("required"),
        /** A property is present with a JSON type its rule does not allow. */
        TYPE("type"),
        /** A property is present with a value outside its {@code enum}. */
        ENUM("enum"),
        /** A property not listed in a contract with {@code additionalProperties: false}. */
        ADDITIONAL_PROPERTIES("additional_properties"),
        /** The event's schema version has no contract. */
        UNKNOWN_VERSION("unknown_version"),
        /** The event name is not in the tracking plan at all. */
        UNKNOWN_EVENT("unknown_event");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    /**
     * One counted rule.
     *
     * @param series the series of its count
     * @param kind what it checks
     * @param event the event it applies to, or null for {@link Kind#UNKNOWN_EVENT}
     * @param property the property it applies to, or null for event-level rules
     * @param contracts the contracts (versions) that carry the rule
     */
    record Rule(SeriesKey.PlanRule series, Kind kind, String event, String property, List<EventContract> contracts) {
        Rule {
            contracts = List.copyOf(contracts);
        }
    }

    private PlanRules() {
    }

    /** Returns the rules of the metric in a stable order: by event, then property, then kind. */
    static List<Rule> of(Metric.PlanViolations metric) {
        boolean versioned = metric.schemaVersionColumn() != null;
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, List<EventContract>> entry : applicable(metric.contracts(), versioned).entrySet()) {
            String event = entry.getKey();
            List<EventContract> contracts = entry.getValue();
            TreeSet<String> properties = new TreeSet<>();
            contracts.forEach(c -> {
                properties.addAll(c.required());
                properties.addAll(c.properties().keySet());
            });
            for (String property : properties) {
                add(rules, Kind.REQUIRED, event, property,
                        contracts.stream().filter(c -> c.required().contains(property)).toList());
                add(rules, Kind.TYPE, event, property, contracts.stream()
                        .filter(c -> c.properties().containsKey(property))
                        .filter(c -> !c.properties().get(property).types().isEmpty()).toList());
                add(rules, Kind.ENUM, event, property, contracts.stream()
                        .filter(c -> c.properties().containsKey(property))
                        .filter(c -> !c.properties().get(property).allowed().isEmpty()).toList());
            }
            add(rules, Kind.ADDITIONAL_PROPERTIES, event, null,
                    contracts.stream().filter(c -> !c.additionalProperties()).toList());
            // A version-0 contract applies to every version, so no version of that event is unknown.
            if (versioned && contracts.stream().allMatch(c -> c.version() > 0)) {
                add(rules, Kind.UNKNOWN_VERSION, event, null, contracts);
            }
        }
        rules.add(new Rule(new SeriesKey.PlanRule(null, null, Kind.UNKNOWN_EVENT.suffix), Kind.UNKNOWN_EVENT, null, null, List.of()));
        return List.copyOf(rules);
    }

    /** Returns the event names of the plan, sorted. */
    static List<String> events(Metric.PlanViolations metric) {
        return List.copyOf(new TreeSet<>(metric.contracts().stream().map(EventContract::event).toList()));
    }

    /**
     * Groups the contracts by event. With a version column every version applies to its own rows;
     * without one only the newest version of each event is kept.
     */
    static Map<String, List<EventContract>> applicable(List<EventContract> contracts, boolean versioned) {
        Map<String, List<EventContract>> byEvent = new TreeMap<>();
        for (EventContract contract : contracts) {
            byEvent.computeIfAbsent(contract.event(), e -> new ArrayList<>()).add(contract);
        }
        byEvent.replaceAll((event, list) -> {
            list.sort(Comparator.comparingInt(EventContract::version));
            return versioned ? List.copyOf(list) : List.of(list.getLast());
        });
        return byEvent;
    }

    private static void add(List<Rule> rules, Kind kind, String event, String property,
                            List<EventContract> contracts) {
        if (contracts.isEmpty()) {
            return;
        }
        rules.add(new Rule(new SeriesKey.PlanRule(event, property, kind.suffix), kind, event, property, contracts));
    }
}

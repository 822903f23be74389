package dev.trackwatch.route;

import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.InhibitRuleSpec;
import dev.trackwatch.config.TrackwatchSpec;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The inhibit rules of {@code routing.inhibit_rules}, as in Alertmanager: an alert matching a
 * rule's target matchers is not notified while an alert matching its source matchers fires and
 * both have equal values for each of the rule's {@code equal} labels (absent counts as empty). An
 * alert matching both sides of a rule is not inhibited by another alert matching both sides,
 * itself included. Trackwatch's addition: for the {@code dataset} label, a target whose dataset
 * is downstream of the source's (through datasets' {@code upstream:}, at any depth) counts as
 * equal, so a stale upstream table also quiets the tables built from it. As a {@link Muter}, the
 * inhibition stage. Immutable.
 */
public final class Inhibitor implements Muter {

    private record Rule(String name, List<Matcher> source, List<Matcher> target, List<String> equal) {
    }

    private final List<Rule> rules;
    /** Every dataset's upstream datasets at any depth. */
    private final Map<String, Set<String>> upstream = new LinkedHashMap<>();

    private Inhibitor(TrackwatchSpec spec) {
        List<InhibitRuleSpec> specs = spec.routing().inhibitRules();
        this.rules = java.util.stream.IntStream.range(0, specs.size())
                .mapToObj(i -> new Rule("inhibit_rules[" + i + "]", Matcher.of(specs.get(i).sourceMatchers()),
                        Matcher.of(specs.get(i).targetMatchers()), specs.get(i).equal()))
                .toList();
        Map<String, List<String>> direct = new LinkedHashMap<>();
        spec.datasets().forEach(d -> direct.put(d.name(), d.upstream()));
        for (DatasetSpec dataset : spec.datasets()) {
            Set<String> all = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(dataset.upstream());
            while (!todo.isEmpty()) {
                String next = todo.pop();
                if (all.add(next)) {
                    todo.addAll(direct.getOrDefault(next, List.of()));
                }
            }
            upstream.put(dataset.name(), Set.copyOf(all));
        }
    }

    /** Builds the inhibitor of a loaded config: its inhibit rules and its datasets' upstream graph. */
    public static Inhibitor of(TrackwatchSpec spec) {
        return new Inhibitor(spec);
    }

    /**
     * Returns why {@code target} is inhibited by one of the {@code firing} alerts (the first rule
     * and source that inhibit it), or empty when it is not: e.g.
     * {@code inhibit_rules[0]: {check="freshness", dataset="product_events", kind="freshness"} is firing}.
     */
    public Optional<String> inhibitedBy(Map<String, String> target, Collection<Map<String, String>> firing) {
        for (Rule rule : rules) {
            if (!Matcher.all(rule.target(), target)) {
                continue;
            }
            boolean targetIsSource = Matcher.all(rule.source(), target);
            for (Map<String, String> source : firing) {
                if (!Matcher.all(rule.source(), source) || targetIsSource && Matcher.all(rule.target(), source)) {
                    continue;
                }
                Optional<String> equal = equal(rule, source, target);
                if (equal.isPresent()) {
                    return Optional.of(rule.name() + ": " + describe(rule, source) + " is firing" + equal.get());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> mutes(Map<String, String> labels, RouteDecision route, Collection<Map<String, String>> firing,
                                  java.time.Instant at) {
        return inhibitedBy(labels, firing);
    }

    /** Empty when the equal labels differ; else "" or, when the dataset matched as downstream, a note saying so. */
    private Optional<String> equal(Rule rule, Map<String, String> source, Map<String, String> target) {
        String note = "";
        for (String label : rule.equal()) {
            String s = source.getOrDefault(label, "");
            String t = target.getOrDefault(label, "");
            if (s.equals(t)) {
                continue;
            }
            if (label.equals("dataset") && upstream.getOrDefault(t, Set.of()).contains(s)) {
                note = " (dataset " + t + " is downstream of " + s + ")";
                continue;
            }
            return Optional.empty();
        }
        return Optional.of(note);
    }

    /** The source's labels that the rule looks at, with its check: enough to recognise the alert. */
    private static String describe(Rule rule, Map<String, String> source) {
        Set<String> names = new TreeSet<>(rule.equal());
        rule.source().forEach(m -> names.add(m.name()));
        names.add("check");
        return names.stream().filter(source::containsKey)
                .map(n -> n + "=\"" + source.get(n) + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}

package dev.trackwatch.route;

import dev.trackwatch.config.MatcherSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A label matcher ready to match: {@code name="value"}, {@code name!="value"},
 * {@code name=~"regex"} or {@code name!~"regex"}, as in Alertmanager. Regular expressions match
 * the whole value (RE2 syntax, linear-time matching); a label the alert does not have is the empty string.
 */
public final class Matcher {

    private final MatcherSpec spec;
    // RE2/J, not java.util.regex: matching is linear in the value, so a silence's or a route's regex
    // such as (.*[a-z]){10}! cannot backtrack for minutes on the alert-routing path.
    private final com.google.re2j.Pattern pattern;

    private Matcher(MatcherSpec spec) {
        this.spec = spec;
        this.pattern = spec.type().regex() ? MatcherSpec.regex(spec.toString(), spec.value()) : null;
    }

    /** Builds the matcher a parsed config matcher describes. */
    public static Matcher of(MatcherSpec spec) {
        return new Matcher(spec);
    }

    /** Builds matchers from parsed config matchers. */
    public static List<Matcher> of(List<MatcherSpec> specs) {
        return specs.stream().map(Matcher::of).toList();
    }

    /**
     * Parses a matcher such as {@code dataset="product_events"}.
     *
     * @throws MatcherSpec.SyntaxException when it is not one, with a message that quotes it and says what is wrong
     */
    public static Matcher parse(String text) {
        return new Matcher(MatcherSpec.parse(text));
    }

    /** Returns the label name. */
    public String name() {
        return spec.name();
    }

    /** Returns the operator. */
    public MatcherSpec.Type type() {
        return spec.type();
    }

    /** Returns the value or regular expression. */
    public String value() {
        return spec.value();
    }

    /** Returns whether the label set matches; an absent label is the empty string. */
    public boolean matches(Map<String, String> labels) {
        return matchesValue(labels.getOrDefault(spec.name(), ""));
    }

    /** Returns whether a label value matches. */
    public boolean matchesValue(String value) {
        return switch (spec.type()) {
            case EQUAL -> spec.value().equals(value);
            case NOT_EQUAL -> !spec.value().equals(value);
            case REGEX -> pattern.matcher(value).matches();
            case NOT_REGEX -> !pattern.matcher(value).matches();
        };
    }

    /** Returns whether every matcher matches the label set (true for none). */
    public static boolean all(List<Matcher> matchers, Map<String, String> labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Renders the matcher with its value quoted: {@code kind=~"volume|null_rate"}; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return spec.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher other && other.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec);
    }
}

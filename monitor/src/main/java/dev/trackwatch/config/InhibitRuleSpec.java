package dev.trackwatch.config;

import java.util.List;

/**
 * An entry of {@code routing.inhibit_rules}: while an alert matching {@code sourceMatchers} fires,
 * alerts matching {@code targetMatchers} that agree with it on the {@code equal} labels are not
 * notified. With {@code dataset} among the {@code equal} labels, a target on a dataset downstream
 * of the source's (see a dataset's {@code upstream:}) counts as the same dataset.
 *
 * @param sourceMatchers what the inhibiting alert matches; never empty
 * @param targetMatchers what the inhibited alerts match; never empty
 * @param equal labels whose values must be equal in source and target (absent counts as empty)
 * @param location where the rule is written
 */
public record InhibitRuleSpec(List<MatcherSpec> sourceMatchers, List<MatcherSpec> targetMatchers, List<String> equal,
                              SourceLocation location) {

    public InhibitRuleSpec {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
    }
}

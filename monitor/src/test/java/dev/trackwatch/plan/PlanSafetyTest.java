package dev.trackwatch.plan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The planner's own validation of names and expressions from configuration. */
class PlanSafetyTest {

    @ParameterizedTest
    @ValueSource(strings = {"platform", "user-id", "order", "select", "$insert_id", "2fa_method", "país"})
    void plainNamesAreIdentifiers(String name) {
        assertThat(SqlSafety.identifier(name, "segment")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "a b", "a`b", "a\"b", "a'b", "a\\b", "a;b", "a)b", "a\nb", "a--b--c\u0000"})
    void namesWithSeparatorsQuotesOrControlCharactersAreNot(String name) {
        assertThatThrownBy(() -> SqlSafety.identifier(name, "dataset 'events', check 'volume': segment"))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("dataset 'events', check 'volume': segment '")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_id", "page title", "$os", "utm:source", "@type", "order-id"})
    void propertyNamesAllowInnerSpacesAndPunctuation(String name) {
        assertThat(SqlSafety.property(name, "property")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {" leading", "trailing ", "a.b", "a'b", "a`b", "a\tb"})
    void propertyNamesRejectSeparatorsQuotesAndOuterSpaces(String name) {
        assertThatThrownBy(() -> SqlSafety.property(name, "property")).isInstanceOf(PlanException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "countIf(amount < 0)",
            "quantileTDigest(0.9)(amount) / 1000",
            "countIf(page_path = 'a;b--c/*d*/#e$$f{g}')",
            "countIf(name = 'it\\'s') + countIf(name = 'it''s')",
            "uniqExact(`weird,name`)",
            "sum(if(x > 0, 1, 0))",
            "countIf(has([1, 2], x) AND y IN (SELECT 1))",
            "countIf(a)\n  / count()"})
    void singleExpressionsPass(String sql) {
        assertThat(SqlSafety.expression(sql, "expression")).isEqualTo(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "  ",
            "count(); DROP TABLE t",
            "count()) FROM system.users WHERE (1",
            "count(",
            "count(])",
            "count(), sum(x)",
            "count() -- comment",
            "count() /* comment */",
            "count() # comment",
            "count() + {param:UInt8}",
            "count() + $$x$$",
            "countIf(x = 'unterminated)",
            "countIf(`x = 1)",
            "count() + \u0007"})
    void anythingThatCouldLeaveItsParenthesesIsRejected(String sql) {
        assertThatThrownBy(() -> SqlSafety.expression(sql, "dataset 'events', check 'c': expression"))
                .isInstanceOf(PlanException.class)
                .hasMessageStartingWith("dataset 'events', check 'c': expression ");
    }
}

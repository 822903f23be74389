package dev.trackwatch.route;

import dev.trackwatch.config.MatcherSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alertmanager's matcher syntax and semantics. */
class MatcherTest {

    private static final Map<String, String> LABELS = Map.of("kind", "null_rate", "team", "growth");

    @Test
    void theFourOperators() {
        assertThat(Matcher.parse("kind=\"null_rate\"").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("kind!=\"null_rate\"").matches(LABELS)).isFalse();
        assertThat(Matcher.parse("kind=~\"volume|null_rate\"").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("kind!~\"volume|null_rate\"").matches(LABELS)).isFalse();
    }

    @Test
    void regularExpressionsMatchTheWholeValue() {
        assertThat(Matcher.parse("kind=~\"null\"").matches(LABELS)).isFalse();
        assertThat(Matcher.parse("kind=~\"null.*\"").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("kind=~\"\\\\w+_rate\"").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("kind=~\"\\w+_rate\"").matches(LABELS)).as("an unknown escape is kept").isTrue();
    }

    @Test
    void anAbsentLabelIsTheEmptyString() {
        assertThat(Matcher.parse("dataset=\"\"").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("dataset!=\"\"").matches(LABELS)).isFalse();
        assertThat(Matcher.parse("dataset!=\"x\"").matches(LABELS)).isTrue();
        assertThat(Matcher.parse("dataset=~\".*\"").matches(LABELS)).isTrue();
    }

    @Test
    void spacesAroundTheOperatorAndUnquotedValuesAreAccepted() {
        assertThat(Matcher.parse(" team = \"growth\" ")).hasToString("team=\"growth\"");
        assertThat(Matcher.parse("team=growth")).isEqualTo(Matcher.parse("team=\"growth\""));
        assertThat(Matcher.parse("kind=~volume|null_rate").matches(LABELS)).isTrue();
    }

    @Test
    void toStringQuotesAndEscapesSoThatParsingItGivesTheSameMatcher() {
        Matcher m = Matcher.parse("note=\"say \\\"hi\\\"\\\\n\"");

        assertThat(m.value()).isEqualTo("say \"hi\"\\n");
        assertThat(Matcher.parse(m.toString())).isEqualTo(m);
        assertThat(Matcher.parse("x=\"a\\nb\"").value()).isEqualTo("a\nb");
    }

    @Test
    void errorsQuoteTheMatcherAndSayWhatIsWrong() {
        assertThatThrownBy(() -> Matcher.parse("kind"))
                .isInstanceOf(MatcherSpec.SyntaxException.class)
                .hasMessage("matcher 'kind': expected =, !=, =~ or !~ after label name 'kind', found the end");
        assertThatThrownBy(() -> Matcher.parse("=\"x\""))
                .hasMessage("matcher '=\"x\"': expected a label name at the start: write name=\"value\", "
                        + "name!=\"value\", name=~\"regex\" or name!~\"regex\"");
        assertThatThrownBy(() -> Matcher.parse("kind="))
                .hasMessage("matcher 'kind=': missing value after =: write kind=\"\" for the empty string");
        assertThatThrownBy(() -> Matcher.parse("kind=~\"*\""))
                .hasMessage("matcher 'kind=~\"*\"': invalid regular expression \"*\": missing argument to "
                        + "repetition operator `*`");
    }

    @Test
    void aCatastrophicPatternRunsInLinearTime() {
        // With java.util.regex this backtracks for hours on 100k characters; RE2/J answers in milliseconds.
        Matcher m = Matcher.parse("comment=~\"(.*[a-z]){10}!\"");
        String value = "a".repeat(100_000);

        assertThat(m.matchesValue(value)).isFalse();
        assertThat(m.matchesValue(value + "!")).isTrue();
    }

    @Test
    void backreferencesAndLookaroundAreRefusedAsRe2CannotRunThem() {
        assertThatThrownBy(() -> Matcher.parse("kind=~\"(a)\\1\""))
                .isInstanceOf(MatcherSpec.SyntaxException.class)
                .hasMessage("matcher 'kind=~\"(a)\\1\"': invalid regular expression \"(a)\\1\": invalid escape "
                        + "sequence `\\1` (matchers use RE2 syntax: no backreferences or lookaround)");
        assertThatThrownBy(() -> Matcher.parse("kind=~\"(?=vol)volume\""))
                .hasMessageContaining("invalid or unsupported Perl syntax `(?=` (matchers use RE2 syntax");
        assertThatThrownBy(() -> Matcher.parse("kind=~\"(?<!x)volume\""))
                .hasMessageContaining("(matchers use RE2 syntax: no backreferences or lookaround)");
        assertThat(Matcher.parse("kind=~\"(?i)VOL\\w+\"").matchesValue("volume")).isTrue();
    }
}

package dev.trackwatch.bench;

import dev.trackwatch.embedded.TestingClickHouse;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed-config corpus over the repository's checks/: every malformed tree is refused with
 * located errors, and nothing escapes the loader. (Whether a case was slow is the drill's report,
 * not an assertion: tests assert no timings.)
 */
class ConfigCorpusDrillTest {

    @Test
    void everyMalformedTreeIsRefusedWithLocatedErrors() {
        TestingClickHouse.embedded();

        // Every seventh case keeps the suite quick; `trackwatch bench configs` runs them all.
        Path checks = Path.of("../checks");
        ConfigCorpusDrill.Result result = ConfigCorpusDrill.run(checks, 11, dir -> dev.trackwatch.validate.OfflineValidation
                .validate(dir, dev.trackwatch.loader.ConfigLoader.defaultRunbooksDir(checks),
                        dev.trackwatch.validate.SyntaxEngines.Source.RUNNING_ONLY).errors(), 7);

        assertThat(result.outcomes()).hasSizeGreaterThan(100);
        assertThat(result.outcomes()).filteredOn(o -> o.verdict() == ConfigCorpusDrill.Verdict.UNLOCATED
                || o.verdict() == ConfigCorpusDrill.Verdict.CRASH).extracting(ConfigCorpusDrill.Outcome::line).isEmpty();
        assertThat(result.count(ConfigCorpusDrill.Verdict.LOCATED)).isGreaterThan(result.outcomes().size() / 2);
        assertThat(result.summary()).startsWith("drill=config_corpus cases=" + result.outcomes().size() + " located=");
    }

    @Test
    void theCorpusIsTheSameForTheSameSeed() {
        assertThat(ConfigCorpusMutations.generate(java.util.Map.of("a.yaml", "a: [1, 2]\nb: {c: 3}\n".getBytes()), 5))
                .extracting(c -> c.mutation() + new String(c.content()))
                .containsExactlyElementsOf(ConfigCorpusMutations.generate(
                        java.util.Map.of("a.yaml", "a: [1, 2]\nb: {c: 3}\n".getBytes()), 5)
                        .stream().map(c -> c.mutation() + new String(c.content())).toList());
    }
}

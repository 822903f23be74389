package dev.trackwatch.validate;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.loader.ConfigLoader;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code validate --offline} checks: the strict load of the tree and, when it is valid, the
 * syntax of its filters and expressions by ClickHouse's parser ({@link ExpressionSyntax}). The CLI,
 * the config corpus drill and the daemon's reload share it, so all three refuse the same trees.
 */
public final class OfflineValidation {

    /**
     * The outcome.
     *
     * @param load the loader's result; valid even when a syntax error was found
     * @param errors every error, sorted: the loader's, else the parser's
     * @param notice null when the syntax was checked (or the load failed first), else why it was not
     */
    public record Outcome(LoadResult load, List<ConfigError> errors, String notice) {
        public Outcome {
            errors = errors.stream().sorted().toList();
        }

        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    private OfflineValidation() {
    }

    /** Loads {@code checksDir} (runbooks under {@code runbooksDir}) and parses its expressions. */
    public static Outcome validate(Path checksDir, Path runbooksDir, SyntaxEngines.Source source) {
        LoadResult load = ConfigLoader.load(checksDir, runbooksDir);
        if (!load.isValid()) {
            return new Outcome(load, load.errors(), null);
        }
        ExpressionSyntax.Result syntax = ExpressionSyntax.check(load.spec(), load.locations(), source);
        return new Outcome(load, syntax.errors(), syntax.notice());
    }
}

package dev.trackwatch.validate;

import dev.trackwatch.clickhouse.ClickHouseConfiguration;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.LoadResult;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The daemon's reload runs the offline syntax check ({@link ExpressionSyntax}) on a tree that
 * loaded, since a reload compiles nothing on the server: a filter such as {@code a = = 1} is
 * refused with its location and the last good config keeps running. With the embedded ClickHouse
 * the daemon's own engine parses; against a server, a private engine does when chDB is installed
 * (it must not be opened where the embedded endpoint will want the process's one engine later).
 * A tree is parsed once per hash, and a missing engine is logged once.
 */
@Singleton
public class ReloadSyntaxCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadSyntaxCheck.class);

    private final SyntaxEngines.Source source;
    private String checkedHash;
    private List<ConfigError> checkedErrors = List.of();
    private String loggedNotice;

    public ReloadSyntaxCheck(ClickHouseConfiguration clickHouse) {
        this.source = clickHouse.getEmbedded().isEnabled() ? SyntaxEngines.Source.RUNNING_ONLY
                : SyntaxEngines.Source.RUNNING_OR_PRIVATE;
    }

    /** Returns the syntax errors of a valid load, or an empty list (also when it could not be checked). */
    public synchronized List<ConfigError> errors(LoadResult valid) {
        String hash = valid.spec().hash();
        if (hash.equals(checkedHash)) {
            return checkedErrors;
        }
        ExpressionSyntax.Result result = ExpressionSyntax.check(valid.spec(), valid.locations(), source);
        if (result.notice() != null) {
            if (!result.notice().equals(loggedNotice)) {
                LOG.warn("checks: {}", result.notice());
                loggedNotice = result.notice();
            }
            return result.errors(); // not remembered: the next reload tries again
        }
        checkedHash = hash;
        checkedErrors = result.errors().stream().sorted().toList();
        return checkedErrors;
    }
}

package dev.trackwatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.trackwatch.validate.ClickHouseReferenceValidator;
import dev.trackwatch.validate.OfflineValidation;
import dev.trackwatch.validate.SyntaxEngines;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.loader.ConfigLoader;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.TrackwatchSpec;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code trackwatch validate [DIR]}: loads the checks tree strictly and, when a ClickHouse is
 * named, checks that its tables and columns exist; without one, filters and expressions are parsed
 * by the embedded engine's ClickHouse parser ({@link OfflineValidation}). Exit codes: 0 valid, 1 configuration errors
 * (each printed as {@code file:line:col: message}), 2 ClickHouse could not be queried.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate the checks directory (YAML and tracking plan) and, given a ClickHouse, "
                + "that its tables and columns exist.")
final class ValidateCommand implements Callable<Integer> {

    /** Environment variables shared with the daemon's configuration (see docs/configuration.md). */
    static final String URL_ENV = "TRACKWATCH_CLICKHOUSE_URL";
    static final String USER_ENV = "TRACKWATCH_CLICKHOUSE_USER";
    static final String PASSWORD_ENV = "TRACKWATCH_CLICKHOUSE_PASSWORD";

    @Parameters(index = "0", arity = "0..1", defaultValue = "checks", paramLabel = "DIR",
            description = "Checks directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--runbooks", paramLabel = "DIR",
            description = "Runbooks directory that runbook: files are looked up in (default: DIR/../runbooks).")
    Path runbooks;

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "ClickHouse to check tables and columns against (default: $" + URL_ENV + ", else none).")
    String url;

    @Option(names = "--offline", description = "Do not contact ClickHouse even when a URL is configured (filters and "
            + "expressions are still parsed, by the embedded engine, when it is installed).")
    boolean offline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            throw new UserFacingException("no checks directory at " + dir);
        }
        Path runbooksDir = runbooks != null ? runbooks : ConfigLoader.defaultRunbooksDir(dir);
        String target = offline ? null : url != null ? url : System.getenv(URL_ENV);
        boolean online = target != null && !target.isBlank();
        LoadResult result;
        String checked = "";
        if (online) {
            // The server compiles every expression below (ExpressionProbe); no offline parse is needed.
            result = ConfigLoader.load(dir, runbooksDir);
        } else {
            OfflineValidation.Outcome outcome = OfflineValidation.validate(dir, runbooksDir,
                    SyntaxEngines.Source.RUNNING_OR_PRIVATE);
            if (outcome.notice() != null) {
                err.println("trackwatch: " + outcome.notice());
                err.flush();
            }
            if (!outcome.isValid()) {
                return report(err, outcome.errors());
            }
            result = outcome.load();
        }
        if (!result.isValid()) {
            return report(err, result.errors());
        }
        if (online) {
            List<ConfigError> errors;
            // The driver logs each failed attempt; this command reports the failure in one line of its own.
            Logger driverLog = (Logger) LoggerFactory.getLogger("com.clickhouse");
            Level level = driverLog.getLevel();
            driverLog.setLevel(Level.OFF);
            try (Connection connection = connect(target)) {
                errors = ClickHouseReferenceValidator.validate(result.spec(), result.locations(),
                        DSL.using(connection, SQLDialect.CLICKHOUSE));
            } catch (SQLException | DataAccessException e) {
                err.println("trackwatch: cannot check tables and columns in ClickHouse at " + withoutQuery(target)
                        + ": " + rootMessage(e));
                err.flush();
                return 2;
            } finally {
                driverLog.setLevel(level);
            }
            if (!errors.isEmpty()) {
                return report(err, errors);
            }
            checked = ", tables and columns found in ClickHouse";
        }
        out.println(summary(dir.toString(), result.spec()) + checked + " (config "
                + result.spec().hash().substring(0, 12) + ")");
        out.flush();
        return 0;
    }

    /** Prints {@code dir: 2 teams, 1 dataset, 6 checks, 5 event contracts OK}, without the hash. */
    static String summary(String dir, TrackwatchSpec spec) {
        int checks = spec.datasets().stream().mapToInt(d -> d.checks().size()).sum();
        return dir + ": " + count(spec.teams().size(), "team") + ", " + count(spec.datasets().size(), "dataset")
                + ", " + count(checks, "check") + ", " + count(spec.trackingPlan().size(), "event contract") + " OK";
    }

    private static int report(PrintWriter err, List<ConfigError> errors) {
        errors.forEach(e -> err.println(e.render()));
        err.println(count(errors.size(), "error"));
        err.flush();
        return 1;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", System.getenv().getOrDefault(USER_ENV, "default"));
        properties.setProperty("password", System.getenv().getOrDefault(PASSWORD_ENV, ""));
        // A validation run should fail fast on an unreachable server: no retries, a short connect timeout.
        properties.setProperty("connection_timeout", "10000");
        properties.setProperty("retry", "0");
        return DriverManager.getConnection(url, properties);
    }

    /** Drops the query string, where JDBC URLs may carry credentials, from what is printed. */
    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message).strip();
    }
}

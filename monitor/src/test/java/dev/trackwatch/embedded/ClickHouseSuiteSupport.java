package dev.trackwatch.embedded;

import com.clickhouse.client.api.ServerException;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every ClickHouse compatibility test needs, whichever server it runs against: the server's
 * JDBC URL, driver connections with extra properties, tables whose names are unique to one test
 * (so the suites can share a server with other runs and with each other) and which are dropped
 * after the test, the ClickHouse error code behind a driver exception, and raw HTTP requests to
 * the same server with the same credentials.
 */
abstract class ClickHouseSuiteSupport {

    private static final Pattern JDBC_URL =
            Pattern.compile("^jdbc:(?:clickhouse|ch)(?::(https?))?://([^/?]+)(?:/([^?]*))?");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final List<String> tables = new ArrayList<>();

    /** Returns the JDBC URL of the ClickHouse under test, e.g. {@code jdbc:clickhouse://127.0.0.1:8123/default}. */
    protected abstract String jdbcUrl();

    /** The user tests connect as: {@code TRACKWATCH_TEST_CLICKHOUSE_USER}, by default {@code default}. */
    protected static String user() {
        return System.getenv().getOrDefault("TRACKWATCH_TEST_CLICKHOUSE_USER", "default");
    }

    /** That user's password: {@code TRACKWATCH_TEST_CLICKHOUSE_PASSWORD}, by default none. */
    protected static String password() {
        return System.getenv().getOrDefault("TRACKWATCH_TEST_CLICKHOUSE_PASSWORD", "");
    }

    protected final Connection connect() throws SQLException {
        return connect(Map.of());
    }

    /** Opens a driver connection with extra properties, e.g. {@code clickhouse_setting_readonly=1}. */
    protected final Connection connect(Map<String, String> properties) throws SQLException {
        Properties extra = new Properties();
        extra.putAll(properties);
        return TestingClickHouse.connect(jdbcUrl(), extra);
    }

    /**
     * Creates {@code compat_<purpose>_<random>} with the given column list and engine clause and
     * returns its name; the table is dropped after the test.
     */
    protected final String createTable(String purpose, String definition) throws SQLException {
        String name = "compat_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        tables.add(name);
        execute("CREATE TABLE " + name + " " + definition);
        return name;
    }

    @AfterEach
    final void dropTables() throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
        tables.clear();
    }

    protected final void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs a query that returns one row on a new connection and returns its columns as strings. */
    protected final List<String> queryRow(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            return queryRow(s, sql);
        }
    }

    /** Runs a query that returns one row and returns its columns as strings. */
    protected static List<String> queryRow(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(rs.getString(i));
            }
            return row;
        }
    }

    /**
     * Returns the ClickHouse error code behind a driver exception: the SQLException's vendor code,
     * or, when the driver leaves it 0 (0.11 does for timeouts, which it raises as
     * {@code SQLTimeoutException}), the code of the {@link ServerException} in its causes.
     */
    protected static int clickHouseCode(Throwable error) {
        if (error instanceof SQLException e && e.getErrorCode() != 0) {
            return e.getErrorCode();
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ServerException e) {
                return e.getCode();
            }
        }
        return 0;
    }

    /** Returns the server's HTTP base URI, e.g. {@code http://127.0.0.1:8123/}, taken from the JDBC URL. */
    protected final URI httpBase() {
        Matcher m = JDBC_URL.matcher(jdbcUrl());
        if (!m.find()) {
            throw new IllegalStateException("cannot derive an HTTP URL from " + jdbcUrl());
        }
        boolean secure = "https".equals(m.group(1)) || jdbcUrl().matches(".*[?&]ssl=true.*");
        return URI.create((secure ? "https" : "http") + "://" + m.group(2) + "/");
    }

    /** Returns the database named in the JDBC URL, {@code default} if none. */
    protected final String database() {
        Matcher m = JDBC_URL.matcher(jdbcUrl());
        return m.find() && m.group(3) != null && !m.group(3).isBlank() ? m.group(3) : "default";
    }

    /**
     * Sends one raw ClickHouse HTTP request with the test credentials: a GET when {@code body} is
     * null, else a POST of the body. {@code params} are URL parameter name/value pairs.
     */
    protected final HttpResponse<byte[]> http(String path, String body, String... params)
            throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            query.append(query.isEmpty() ? "?" : "&").append(URLEncoder.encode(params[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(httpBase().resolve(path + query))
                .timeout(Duration.ofSeconds(30))
                .header("X-ClickHouse-User", user())
                .header("X-ClickHouse-Key", password());
        request = body == null ? request.GET()
                : request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}

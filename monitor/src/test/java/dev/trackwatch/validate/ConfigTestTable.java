package dev.trackwatch.validate;

import dev.trackwatch.embedded.TestingClickHouse;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The table the config tests validate against, in their own database on the shared embedded ClickHouse. */
public final class ConfigTestTable {

    public static final String DDL = """
            CREATE TABLE IF NOT EXISTS config_test.events (
                event_time  DateTime64(3, 'UTC'),
                ingested_at DateTime('UTC'),
                event_name  LowCardinality(String),
                platform    LowCardinality(String),
                country     LowCardinality(String),
                user_id     Nullable(String),
                page_path   Nullable(String),
                payload     String,
                properties  JSON
            )
            ENGINE = MergeTree
            ORDER BY event_time
            """;

    private ConfigTestTable() {
    }

    /** Returns the JDBC URL of the embedded ClickHouse, with {@code config_test.events} created. */
    public static synchronized String url() throws SQLException {
        String url = TestingClickHouse.embedded().jdbcUrl("default");
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS config_test");
            statement.execute(DDL);
        }
        return url;
    }

    public static Connection connect(String url) throws SQLException {
        return TestingClickHouse.connect(url, new Properties());
    }

    public static DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.CLICKHOUSE);
    }
}

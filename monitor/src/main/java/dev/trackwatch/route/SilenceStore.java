package dev.trackwatch.route;

import dev.trackwatch.state.ClickHouseTime;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Silences in ClickHouse, table {@code silences} of the state database (the daemon's bean:
 * {@code trackwatch.state.database}, default {@code trackwatch}). Rows are versions: creating a
 * silence writes version 1, expiring it writes the next version with the new end, and
 * {@code ReplacingMergeTree(version)} read with {@code FINAL} keeps the newest. Nothing is
 * deleted, so expired silences remain for the record. Every value is bound.
 */
public final class SilenceStore {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceStore.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final String COLUMNS = "id, version, matchers, toUnixTimestamp64Milli(starts_at), "
            + "toUnixTimestamp64Milli(ends_at), created_by, comment";

    private final DSLContext dsl;
    private final String db;
    private volatile boolean migrated;

    /**
     * A store in {@code database} (lower-case letters, digits and '_').
     *
     * @throws IllegalArgumentException when the name is not a plain identifier
     */
    public SilenceStore(DSLContext dsl, String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("state database name '" + database
                    + "' must be lower-case letters, digits and '_'");
        }
        this.dsl = dsl;
        this.db = database;
    }

    /**
     * Creates the database and the {@code silences} table when missing (state migration 6), once
     * per process however many stages ask; idempotent.
     */
    public void migrate() {
        new dev.trackwatch.state.StateStore(dsl, db).migrate();
        migrated = true;
    }

    private void ensureSchema() {
        if (!migrated) {
            migrate();
        }
    }

    /**
     * Validates a request and stores the silence it asks for, with a new id.
     *
     * @throws InvalidSilenceException naming the field at fault
     */
    public Silence create(SilenceRequest request, Instant now) {
        Silence silence = request.toSilence(UUID.randomUUID().toString(), now.truncatedTo(ChronoUnit.MILLIS));
        ensureSchema();
        write(silence, 1, now);
        LOG.info("silence {} created by {} until {}: {}", silence.id(), silence.createdBy(), silence.endsAt(),
                silence.matchers());
        return silence;
    }

    /**
     * Stores a silence of these matchers from {@code startsAt} (now when earlier) to {@code endsAt}.
     *
     * @throws InvalidSilenceException naming the field at fault
     */
    public Silence create(List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment,
                          Instant now) {
        return create(new SilenceRequest(matchers.stream().map(Matcher::toString).toList(), startsAt.toString(),
                endsAt.toString(), null, createdBy, comment), now);
    }

    /** Returns the silence with this id, in its newest version. */
    public Optional<Silence> get(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        ensureSchema();
        Record r = dsl.fetchOne("SELECT " + COLUMNS + " FROM " + db + ".silences FINAL WHERE id = ?", id);
        return r == null ? Optional.empty() : silence(r);
    }

    /** Returns the silences not yet ended at {@code now} (active and pending), or all of them, by start then id. */
    public List<Silence> list(boolean includeExpired, Instant now) {
        ensureSchema();
        String where = includeExpired ? "" : " WHERE ends_at > ?";
        Object[] binds = includeExpired ? new Object[0] : new Object[] {ClickHouseTime.format(now)};
        List<Silence> result = new ArrayList<>();
        for (Record r : dsl.fetch("SELECT " + COLUMNS + " FROM " + db + ".silences FINAL" + where
                + " ORDER BY starts_at, id", binds)) {
            silence(r).ifPresent(result::add);
        }
        return result;
    }

    /** Returns the silences in effect at {@code now}. */
    public List<Silence> active(Instant now) {
        return list(false, now).stream().filter(s -> s.activeAt(now)).toList();
    }

    /**
     * Expires a silence now: it ends at {@code now} (a pending one also starts then). Returns false
     * when there is no such silence or it has already ended.
     */
    public boolean expire(String id, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        Optional<Silence> current = get(id);
        if (current.isEmpty() || !current.get().endsAt().isAfter(at)) {
            return false;
        }
        Silence s = current.get();
        Instant start = s.startsAt().isAfter(at) ? at : s.startsAt();
        long version = dsl.fetchOne("SELECT max(version) FROM " + db + ".silences WHERE id = ?", id).get(0, Long.class);
        write(new Silence(s.id(), s.matchers(), start, at, s.createdBy(), s.comment()), version + 1, now);
        LOG.info("silence {} expired", id);
        return true;
    }

    private void write(Silence s, long version, Instant now) {
        dsl.execute("INSERT INTO " + db + ".silences (id, version, matchers, starts_at, ends_at, created_by, comment, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(), version, s.matchers().stream().map(Matcher::toString).toArray(String[]::new),
                ClickHouseTime.format(s.startsAt()), ClickHouseTime.format(s.endsAt()), s.createdBy(), s.comment(),
                ClickHouseTime.format(now));
    }

    /**
     * The silence a row holds, or empty when a matcher no longer parses: one written before matchers
     * were RE2 may hold a backreference. Skipping it notifies what it would have held back; dropping
     * only the bad matcher would silence more than was asked, and failing would stop every silence.
     */
    private static Optional<Silence> silence(Record r) {
        List<Matcher> matchers;
        try {
            matchers = Arrays.stream(r.get(2, String[].class)).map(Matcher::parse).toList();
        } catch (dev.trackwatch.config.MatcherSpec.SyntaxException e) {
            LOG.warn("silence {} is ignored: {}; expire it and create it again with RE2 syntax", r.get(0, String.class),
                    e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new Silence(r.get(0, String.class), matchers, Instant.ofEpochMilli(r.get(3, Long.class)),
                Instant.ofEpochMilli(r.get(4, Long.class)), r.get(5, String.class), r.get(6, String.class)));
    }
}

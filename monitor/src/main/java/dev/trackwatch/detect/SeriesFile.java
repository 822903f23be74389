package dev.trackwatch.detect;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code timestamp,value} CSV file with a header, as NAB ships its series. Timestamps are
 * ISO-8601 instants or offset date-times, or local date-times with a {@code T} or a space
 * ({@code 2014-04-01 00:00:00}), read as UTC. Rows must be in time order.
 */
public final class SeriesFile {

    /** One row: the timestamp and value as written (echoed in the output), the instant and the number. */
    public record Row(String timestamp, String valueText, Instant time, double value) {
    }

    /** A row that cannot be read; the message starts with {@code file:line:}. */
    public static final class FormatException extends RuntimeException {
        FormatException(Path file, long line, String message) {
            super(file + ":" + line + ": " + message);
        }
    }

    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private SeriesFile() {
    }

    /** Reads every row; throws {@link FormatException} naming file and line for the first bad one. */
    public static List<Row> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = READ.parse(reader)) {
            Map<String, Integer> header = parser.getHeaderMap();
            String timeColumn = column(header, "timestamp", file);
            String valueColumn = column(header, "value", file);
            List<Row> rows = new ArrayList<>();
            Instant previous = null;
            Iterator<CSVRecord> records = parser.iterator();
            while (hasNext(records, parser, file)) {
                CSVRecord record = records.next();
                long line = parser.getCurrentLineNumber();
                if (!record.isSet(timeColumn) || !record.isSet(valueColumn)) {
                    throw new FormatException(file, line, "expected " + header.size() + " columns, got " + record.size());
                }
                String stamp = record.get(timeColumn);
                Instant time = parseTime(stamp);
                if (time == null) {
                    throw new FormatException(file, line, "unreadable timestamp '" + stamp + "'");
                }
                if (previous != null && time.isBefore(previous)) {
                    throw new FormatException(file, line, "timestamp " + stamp + " is before the row above it");
                }
                double value = parseValue(record.get(valueColumn));
                if (Double.isNaN(value)) {
                    throw new FormatException(file, line, "unreadable value '" + record.get(valueColumn) + "'");
                }
                rows.add(new Row(stamp, record.get(valueColumn), time, value));
                previous = time;
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            // commons-csv rejects a header with duplicate or missing names this way.
            throw new FormatException(file, 1, "bad header: " + e.getMessage());
        }
    }

    /** Advances the parser; commons-csv reports malformed quoting as an unchecked I/O error. */
    private static boolean hasNext(Iterator<CSVRecord> records, CSVParser parser, Path file) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw new FormatException(file, parser.getCurrentLineNumber(), "malformed CSV: " + e.getCause().getMessage());
        }
    }

    private static String column(Map<String, Integer> header, String name, Path file) {
        for (String h : header.keySet()) {
            if (h.trim().toLowerCase(Locale.ROOT).equals(name)) {
                return h;
            }
        }
        throw new FormatException(file, 1, "header has no '" + name + "' column (got " + header.keySet() + ")");
    }

    /** The instant of a timestamp, or null when it is not one of the accepted forms. */
    public static Instant parseTime(String text) {
        String s = text.trim();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ignored) {
            // not an instant with Z; try the other forms
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // no offset
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    private static double parseValue(String text) {
        try {
            double v = Double.parseDouble(text.trim());
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Writes {@code timestamp,value,anomaly_score}, one row per input row, creating parent directories. */
    public static void write(Path file, List<Row> rows, double[] scores) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter printer = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get().print(writer)) {
                printer.printRecord("timestamp", "value", "anomaly_score");
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    printer.printRecord(row.timestamp(), row.valueText(), score(scores[i]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Scores with four decimals: enough to rank, short enough to read, and identical run to run. */
    private static String score(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}

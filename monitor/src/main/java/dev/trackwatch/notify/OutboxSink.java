package dev.trackwatch.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Delivery without a Slack token (the demo): each notification is appended to an outbox file as
 * one JSON line ({@link NotificationJson}), forced to disk, and kept for {@code GET /api/outbox};
 * its chart is rendered to {@code charts/ID.png} beside the file.
 * It is also logged. The file is the sink's own record of what it delivered, which makes recovery
 * after a crash exact.
 */
public final class OutboxSink implements NotificationSink {

    private final Path file;
    private final List<String> recent = new CopyOnWriteArrayList<>();

    /** Appends to {@code file}, creating it and its directory. */
    public OutboxSink(Path file) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (Files.exists(file)) {
                recent.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox " + file, e);
        }
    }

    @Override
    public synchronized Delivery deliver(Notification n) {
        String chart = chart(n);
        String line = NotificationJson.toJson(n, chart);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        } catch (IOException e) {
            return Delivery.recoverable("outbox", e.getMessage(), null);
        }
        recent.add(line);
        org.slf4j.LoggerFactory.getLogger(OutboxSink.class).info("outbox: {} {} to {}: {}", n.type(), n.id(),
                n.channel(), n.message().title());
        return Delivery.ok("outbox", n.threadTs() != null ? n.threadTs() : n.id());
    }

    /** Renders the message's chart next to the outbox ({@code charts/ID.png}); returns its relative path or null. */
    private String chart(Notification n) {
        if (n.message().chart() == null) {
            return null;
        }
        try {
            Path dir = (file.getParent() == null ? Path.of(".") : file.getParent()).resolve("charts");
            Files.createDirectories(dir);
            Files.write(dir.resolve(n.id() + ".png"), new ChartRenderer().render(n.message().chart()));
            return "charts/" + n.id() + ".png";
        } catch (IOException | RuntimeException | java.awt.AWTError e) {
            return null; // the message matters more than its chart
        }
    }

    @Override
    public Lookup lookup(Notification n, java.time.Instant loggedAt) {
        String marker = "\"id\":\"" + n.id() + "\"";
        return recent.stream().anyMatch(line -> line.contains(marker))
                ? Lookup.delivered(n.threadTs() != null ? n.threadTs() : n.id()) : Lookup.notDelivered();
    }

    /** Returns the outbox file. */
    public Path file() {
        return file;
    }

    /** Returns the delivered notifications as JSON lines, oldest first. */
    public List<String> lines() {
        return new ArrayList<>(recent);
    }
}

package dev.trackwatch.loader;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.Problems;
import dev.trackwatch.config.SourceLocation;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the files of a checks tree that the loader uses, reporting every file it cannot use by
 * name instead of failing the whole load with an exception.
 *
 * <p>Symbolic links are followed only when they resolve to a regular file inside the checks tree
 * (a tree assembled from shared snippets works). A link that resolves outside it, to a directory,
 * or to nothing is an error naming the link, and its target is never read: the text of errors is
 * returned by the API, logged and posted to Slack, and a link to {@code /etc/shadow} must not put
 * that file's lines there. Directories behind links are not walked.
 */
final class TreeReader {

    /** A code for files that exist but cannot be read. */
    static final String UNREADABLE = ConfigError.UNREADABLE_FILE;
    /** The largest config file read; the repository's largest is under 10 KiB. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private TreeReader() {
    }

    /**
     * Returns every config file under {@code dir} by path relative to it ({@code /} separators),
     * in sorted order; files it cannot use are reported to {@code problems} and left out.
     */
    static Map<String, byte[]> read(Path dir, Problems problems) {
        Map<String, byte[]> files = new TreeMap<>();
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            problems.add(SourceLocation.of(dir.toString()), UNREADABLE, "cannot read the checks directory: " + reason(e));
            return files;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && d.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String relative = dir.relativize(file).toString().replace('\\', '/');
                    if (ConfigLoader.isConfigFile(relative)) {
                        byte[] bytes = readOne(root, file, relative, attrs, problems);
                        if (bytes != null) {
                            files.put(relative, bytes);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String relative = dir.relativize(file).toString().replace('\\', '/');
                    problems.add(SourceLocation.of(relative), UNREADABLE, "cannot read: " + reason(e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(SourceLocation.of(dir.toString()), UNREADABLE, "cannot read the checks directory: " + reason(e));
        }
        return files;
    }

    private static byte[] readOne(Path root, Path file, String relative, BasicFileAttributes attrs, Problems problems) {
        SourceLocation at = SourceLocation.of(relative);
        if (attrs.isSymbolicLink()) {
            Path target;
            try {
                target = file.toRealPath();
            } catch (NoSuchFileException e) {
                problems.add(at, ConfigError.BAD_LINK, "symbolic link whose target does not exist: fix or remove it");
                return null;
            } catch (IOException e) {
                problems.add(at, ConfigError.BAD_LINK, "symbolic link that cannot be resolved: " + reason(e));
                return null;
            }
            if (!target.startsWith(root)) {
                problems.add(at, ConfigError.BAD_LINK, "symbolic link to a file outside the checks directory: links "
                        + "are followed only within the tree; copy the file in instead");
                return null;
            }
            if (!Files.isRegularFile(target)) {
                problems.add(at, ConfigError.BAD_LINK, "symbolic link to something that is not a file");
                return null;
            }
        } else if (!attrs.isRegularFile()) {
            // A FIFO or device named like a config file would block or stream forever.
            problems.add(at, UNREADABLE, "not a regular file");
            return null;
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                tooLarge(file, relative, problems);
                return null;
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(at, UNREADABLE, "cannot read file: " + reason(e));
            return null;
        }
    }

    /**
     * Reports a file over {@link #MAX_FILE_BYTES} at the line where it crosses the limit, reading no
     * more than that: a checks file is a few kilobytes, and the YAML parser takes seconds per
     * megabyte on a long line (a pasted blob), so a huge file would stall every reload or fill the heap.
     */
    private static void tooLarge(Path file, String relative, Problems problems) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_FILE_BYTES);
        }
        String text = new String(head, java.nio.charset.StandardCharsets.UTF_8);
        int lineStart = text.lastIndexOf('\n') + 1;
        int line = (int) text.chars().filter(c -> c == '\n').count() + 1;
        SourceLocation at = new SourceLocation(relative, line, text.codePointCount(lineStart, text.length()) + 1);
        problems.add(at, UNREADABLE, "file is larger than " + (MAX_FILE_BYTES >> 20) + " MiB, here: checks files are "
                + "a few kilobytes; split it, or remove what is not configuration");
    }

    /** The operating system's reason (e.g. {@code Permission denied}), without Java class names or paths. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? "I/O error" : e.getMessage();
    }
}

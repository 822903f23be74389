package dev.trackwatch.loader;

import dev.trackwatch.config.CalendarEntry;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.ConfigLocations;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.config.LoadResult;
import dev.trackwatch.config.Problems;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.Suggestions;
import dev.trackwatch.config.TrackwatchSpec;
import dev.trackwatch.config.YamlFile;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Loads checks/ strictly: every {@code *.yaml}/{@code *.yml} file (teams and datasets with their
 * checks) and the tracking plan under {@code tracking-plan/}. Nothing stops at the first error:
 * every file is read and every rule checked, and the result holds either a valid
 * {@link TrackwatchSpec} or all errors, sorted by file, line and column.
 *
 * <p>Hidden files and directories (names starting with a dot) are skipped, as are files with
 * other extensions, so editors' backups and READMEs may live in the tree.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Returns the runbooks directory used when none is given: {@code runbooks/} beside the checks directory. */
    public static Path defaultRunbooksDir(Path checksDir) {
        return checksDir.toAbsolutePath().normalize().resolveSibling("runbooks");
    }

    /** Loads {@code checksDir} with the default runbooks directory. */
    public static LoadResult load(Path checksDir) {
        return load(checksDir, defaultRunbooksDir(checksDir));
    }

    /**
     * Loads {@code checksDir}; runbook files named by checks must exist under {@code runbooksDir}.
     *
     * Files that cannot be read, and symbolic links that do not resolve to a file inside the tree,
     * are errors naming the file (see {@link TreeReader}).
     *
     * @throws IllegalArgumentException when {@code checksDir} is not a directory
     */
    public static LoadResult load(Path checksDir, Path runbooksDir) {
        if (!Files.isDirectory(checksDir)) {
            throw new IllegalArgumentException("checks directory " + checksDir + " does not exist");
        }
        Problems problems = new Problems();
        Map<String, byte[]> files = TreeReader.read(checksDir, problems);
        ConfigLocations.Builder locations = ConfigLocations.builder();
        List<TeamReader.TeamDraft> teams = new ArrayList<>();
        List<DatasetReader.DatasetDraft> datasets = new ArrayList<>();
        List<EventContract> plan = new ArrayList<>();
        List<CalendarEntry> calendar = new ArrayList<>();
        List<RoutingReader.RoutingDraft> routing = new ArrayList<>();
        files.forEach((path, bytes) -> {
            String text = decode(path, bytes, problems);
            if (text == null) {
                return;
            }
            if (path.startsWith(TrackingPlanReader.DIR + "/")) {
                EventContract contract = TrackingPlanReader.read(path, text, problems);
                if (contract != null) {
                    plan.add(contract);
                }
            } else {
                YamlDocument.read(new YamlFile(path, problems), text, teams, datasets, calendar, routing, locations);
            }
        });
        TrackwatchSpec spec = new SpecAssembler(teams, datasets, plan, checksDir, runbooksDir, problems)
                .assemble(hash(files));
        spec = withCalendar(spec, calendar, datasets, problems);
        spec = RoutingAssembler.attach(spec, routing, teams, datasets, problems);
        return spec == null ? LoadResult.invalid(problems.all()) : LoadResult.valid(spec, locations.build());
    }

    /** Resolves the calendar's dataset names and attaches it; returns null when any error was found. */
    private static TrackwatchSpec withCalendar(TrackwatchSpec spec, List<CalendarEntry> calendar,
                                               List<DatasetReader.DatasetDraft> datasets, Problems problems) {
        java.util.Set<String> names = new java.util.HashSet<>();
        datasets.forEach(d -> names.add(d.name()));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CalendarEntry entry : calendar) {
            if (!seen.add(entry.name())) {
                problems.add(entry.location(), ConfigError.DUPLICATE_NAME, "calendar entry '" + entry.name()
                        + "' is defined twice");
            }
            for (String dataset : entry.datasets()) {
                if (!names.contains(dataset)) {
                    problems.add(entry.location(), ConfigError.UNKNOWN_REFERENCE, "calendar entry '" + entry.name()
                            + "' names dataset '" + dataset + "', which is not defined" + Suggestions.didYouMean(dataset, names));
                }
            }
        }
        if (spec == null || !problems.isEmpty()) {
            return null;
        }
        return new TrackwatchSpec(spec.teams(), spec.datasets(), spec.trackingPlan(), spec.hash(), calendar);
    }

    /** Whether a path relative to the checks directory is a file the loader reads (hidden parts never). */
    static boolean isConfigFile(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return false;
            }
        }
        if (relative.startsWith(TrackingPlanReader.DIR + "/")) {
            return relative.endsWith(".json");
        }
        return relative.endsWith(".yaml") || relative.endsWith(".yml");
    }

    /**
     * Decodes UTF-8 strictly: a file in another encoding would otherwise load with mangled names.
     * The error points at the first byte that is not UTF-8 (an editor shows it as the character
     * after the decoded prefix), so the one Latin-1 {@code é} in a long file can be found.
     */
    private static String decode(String path, byte[] bytes, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        String text = out.flip().toString();
        if (result.isError()) {
            int bad = bytes[Math.min(in.position(), bytes.length - 1)] & 0xFF;
            problems.add(position(path, text), ConfigError.BAD_FILE_NAME, "file is not valid UTF-8: byte "
                    + String.format("0x%02X", bad) + " here does not start or continue a UTF-8 character; "
                    + "save the file as UTF-8");
            return null;
        }
        // A byte-order mark is how some editors save UTF-8; YAML ignores it, JSON parsers refuse it.
        return path.endsWith(".json") && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The location just after {@code prefix}, counted in code points as SnakeYAML and editors do. */
    private static SourceLocation position(String path, String prefix) {
        int lineStart = prefix.lastIndexOf('\n') + 1;
        int line = (int) prefix.chars().filter(c -> c == '\n').count() + 1;
        return new SourceLocation(path, line, prefix.codePointCount(lineStart, prefix.length()) + 1);
    }

    /**
     * SHA-256 over each file's relative path and contents, in path order, with lengths framing
     * both so that no two different trees hash alike. Full hex; displays use the first 12.
     */
    static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, bytes) -> {
                byte[] name = path.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(8).putInt(name.length).putInt(bytes.length).array());
                digest.update(name);
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

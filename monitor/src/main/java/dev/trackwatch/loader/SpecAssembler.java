package dev.trackwatch.loader;

import dev.trackwatch.checks.CheckTypes;
import dev.trackwatch.checks.DefaultRunbooks;
import dev.trackwatch.config.CheckCommon;
import dev.trackwatch.config.CheckSpec;
import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.DatasetSpec;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.config.Problems;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.config.Suggestions;
import dev.trackwatch.config.TrackwatchSpec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that span files: unique team and dataset names, owners that name teams, datasets and
 * events owned once, runbooks that exist, a tracking plan for schema checks that use it. Builds
 * the {@link TrackwatchSpec} when, and only when, no file had an error.
 */
final class SpecAssembler {

    private final List<TeamReader.TeamDraft> teams;
    private final List<DatasetReader.DatasetDraft> datasets;
    private final List<EventContract> plan;
    private final Path checksDir;
    private final Path runbooksDir;
    private final Problems problems;
    private final Map<String, TeamReader.TeamDraft> teamByName = new LinkedHashMap<>();
    private final Map<String, DatasetReader.DatasetDraft> datasetByName = new LinkedHashMap<>();
    /** The team that lists each dataset, with where it lists it. */
    private final Map<String, TeamReader.TeamDraft> listedBy = new LinkedHashMap<>();

    SpecAssembler(List<TeamReader.TeamDraft> teams, List<DatasetReader.DatasetDraft> datasets,
                  List<EventContract> plan, Path checksDir, Path runbooksDir, Problems problems) {
        this.teams = teams;
        this.datasets = datasets;
        this.plan = plan;
        this.checksDir = checksDir.toAbsolutePath().normalize();
        this.runbooksDir = runbooksDir.toAbsolutePath().normalize();
        this.problems = problems;
    }

    /** Checks the cross-file rules and returns the spec, or null when any error was found anywhere. */
    TrackwatchSpec assemble(String hash) {
        uniqueNames();
        teamReferences();
        Map<String, String> owners = new LinkedHashMap<>();
        for (DatasetReader.DatasetDraft dataset : datasetByName.values()) {
            owners.put(dataset.name(), datasetOwner(dataset));
            dataset.checks().forEach(this::checkReferences);
        }
        if (!problems.isEmpty()) {
            return null;
        }
        List<DatasetSpec> specs = new ArrayList<>();
        for (DatasetReader.DatasetDraft dataset : datasetByName.values()) {
            String owner = owners.get(dataset.name());
            List<CheckSpec> checks = dataset.checks().stream()
                    .map(check -> check.build().apply(new CheckCommon(check.name(), check.severity(),
                            check.owner() != null ? check.owner() : owner, check.runbook(), check.labels(),
                            check.location(), check.anomaly(), check.resolveAfter())))
                    .toList();
            specs.add(dataset.toSpec(owner, checks));
            checks.forEach(this::defaultRunbooksExist);
        }
        List<EventContract> contracts = plan.stream()
                .sorted(Comparator.comparing(EventContract::event).thenComparingInt(EventContract::version))
                .toList();
        return new TrackwatchSpec(teams.stream().map(TeamReader.TeamDraft::toSpec).toList(), specs, contracts, hash);
    }

    private void uniqueNames() {
        for (TeamReader.TeamDraft team : teams) {
            TeamReader.TeamDraft first = teamByName.putIfAbsent(team.name(), team);
            if (first != null) {
                error(team.nameAt(), ConfigError.DUPLICATE_NAME, "duplicate team name '" + team.name() + "' (first at "
                        + where(first.nameAt(), team.nameAt()) + ")");
            }
        }
        for (DatasetReader.DatasetDraft dataset : datasets) {
            DatasetReader.DatasetDraft first = datasetByName.putIfAbsent(dataset.name(), dataset);
            if (first != null) {
                error(dataset.nameAt(), ConfigError.DUPLICATE_NAME, "duplicate dataset name '" + dataset.name()
                        + "' (first at " + where(first.nameAt(), dataset.nameAt()) + ")");
            }
        }
    }

    private void teamReferences() {
        Map<String, TeamReader.TeamDraft> eventOwner = new LinkedHashMap<>();
        List<String> planEvents = plan.stream().map(EventContract::event).distinct().sorted().toList();
        for (TeamReader.TeamDraft team : teamByName.values()) {
            team.datasetAt().forEach((dataset, at) -> {
                TeamReader.TeamDraft other = listedBy.putIfAbsent(dataset, team);
                if (!datasetByName.containsKey(dataset)) {
                    error(at, ConfigError.UNKNOWN_REFERENCE, "team '" + team.name() + "' lists dataset '" + dataset
                            + "', which is not defined" + Suggestions.didYouMean(dataset, datasetByName.keySet()));
                } else if (other != null) {
                    error(at, ConfigError.CONFLICTING_OWNER, "dataset '" + dataset + "' is already listed by team '"
                            + other.name() + "' (" + where(other.datasetAt().get(dataset), at) + "): a dataset has one owner");
                }
            });
            team.eventAt().forEach((event, at) -> {
                TeamReader.TeamDraft other = eventOwner.putIfAbsent(event, team);
                if (other != null) {
                    error(at, ConfigError.CONFLICTING_OWNER, "event '" + event + "' is already owned by team '"
                            + other.name() + "' (" + where(other.eventAt().get(event), at) + "): an event has one owner");
                } else if (!planEvents.isEmpty() && !planEvents.contains(event)) {
                    error(at, ConfigError.UNKNOWN_REFERENCE, "event '" + event + "' is not in the tracking plan"
                            + Suggestions.didYouMean(event, planEvents));
                }
            });
        }
    }

    /** The dataset's owner: its own {@code owner:}, else the team that lists it; exactly one of them. */
    private String datasetOwner(DatasetReader.DatasetDraft dataset) {
        TeamReader.TeamDraft lister = listedBy.get(dataset.name());
        if (dataset.owner() == null) {
            if (lister == null) {
                error(dataset.location(), ConfigError.MISSING_KEY, "missing required key 'owner' in dataset '"
                        + dataset.name() + "': name a team, or list the dataset under a team's datasets");
                return null;
            }
            return lister.name();
        }
        if (knownTeam(dataset.owner(), dataset.ownerAt()) && lister != null && !lister.name().equals(dataset.owner())) {
            error(dataset.ownerAt(), ConfigError.CONFLICTING_OWNER, "dataset '" + dataset.name() + "' has owner '"
                    + dataset.owner() + "' but team '" + lister.name() + "' lists it ("
                    + where(lister.datasetAt().get(dataset.name()), dataset.ownerAt()) + "): a dataset has one owner");
        }
        return dataset.owner();
    }

    private void checkReferences(CheckReader.CheckDraft check) {
        if (check.owner() != null) {
            knownTeam(check.owner(), check.ownerAt());
        }
        if (check.runbook() != null) {
            runbook(check.runbook(), check.runbookAt());
        }
        if (check.trackingPlanAt() != null && plan.isEmpty()) {
            error(check.trackingPlanAt(), ConfigError.UNKNOWN_REFERENCE, "this schema check reads the tracking plan "
                    + "(tracking_plan: true is the default) but " + TrackingPlanReader.DIR + "/ holds no event "
                    + "schemas: add them, or set tracking_plan: false");
        }
    }

    private boolean knownTeam(String owner, SourceLocation at) {
        if (teamByName.containsKey(owner)) {
            return true;
        }
        error(at, ConfigError.UNKNOWN_REFERENCE, "owner '" + owner + "' is not a team"
                + Suggestions.didYouMean(owner, teamByName.keySet()));
        return false;
    }

    /**
     * A check without a runbook of its own links to its kind's default runbooks, which must then
     * exist (when there is a runbooks directory at all: a checks tree may be validated alone).
     */
    private void defaultRunbooksExist(CheckSpec check) {
        if (check.common().runbook() != null || !java.nio.file.Files.isDirectory(runbooksDir)) {
            return;
        }
        List<String> files = new java.util.ArrayList<>(CheckTypes.of(check).runbooks());
        files.add(DefaultRunbooks.MONITOR_FAULT);
        for (String file : files) {
            if (!java.nio.file.Files.isRegularFile(runbooksDir.resolve(file))) {
                error(check.common().location(), ConfigError.MISSING_RUNBOOK, check.type() + " check '"
                        + check.common().name() + "' names no runbook and its default, runbooks/" + file
                        + ", does not exist: add it, or set runbook:");
            }
        }
    }

    /** A runbook is an http(s) URL, or a file that exists under the runbooks directory. */
    private void runbook(String runbook, SourceLocation at) {
        if (runbook.startsWith("http://") || runbook.startsWith("https://")) {
            try {
                if (new URI(runbook).getHost() == null) {
                    error(at, ConfigError.BAD_VALUE, "runbook URL '" + runbook + "' has no host");
                }
            } catch (URISyntaxException e) {
                error(at, ConfigError.BAD_VALUE, "runbook URL '" + runbook + "' is not a valid URL: " + e.getReason());
            }
            return;
        }
        Path file = runbooksDir.resolve(runbook).normalize();
        if (runbook.isBlank() || Path.of(runbook).isAbsolute() || !file.startsWith(runbooksDir)) {
            error(at, ConfigError.BAD_VALUE, "runbook '" + runbook + "' must be a path inside the runbooks "
                    + "directory or an http(s) URL");
        } else if (!Files.isRegularFile(file)) {
            String shown = checksDir.relativize(file).toString().replace('\\', '/');
            error(at, ConfigError.MISSING_RUNBOOK, "runbook file " + shown + " does not exist");
        }
    }

    /** Names a location relative to another: "line 4" in the same file, else "file:4". */
    private static String where(SourceLocation first, SourceLocation here) {
        return first.file().equals(here.file()) ? "line " + first.line() : first.file() + ":" + first.line();
    }

    private void error(SourceLocation at, String code, String message) {
        problems.add(at, code, message);
    }
}

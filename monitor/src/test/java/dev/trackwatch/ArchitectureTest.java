package dev.trackwatch;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the layering of docs/architecture.md: the packages form one order, from the leaves
 * (the detector, the embedded engine) through the check pipeline (config → plan → query → state →
 * evaluate → checks) and the alert half (incidents → route → notify) to the HTTP API and the
 * programs that wire everything together. A class may use its own package and the packages below
 * it, never one above or beside it; so there are no cycles, and a new package must be given its
 * place here before it compiles into the build.
 */
class ArchitectureTest {

    /** Bottom to top. Packages on one line are peers: neither may use the other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("detect", "embedded", "fakes"),
            List.of("clickhouse", "demo"),
            List.of("config"),
            List.of("plan"),
            List.of("query"),
            List.of("state"),
            List.of("evaluate"),
            List.of("checks"),
            List.of("loader"),
            List.of("validate"),
            List.of("run"),
            List.of("schedule"),
            List.of("incidents"),
            List.of("route"),
            List.of("notify"),
            List.of("watchdog"),
            List.of("api"),
            List.of("backtest"),
            List.of("bench"),
            List.of("cli"));

    private static final String ROOT = "dev.trackwatch";
    private static final Map<String, Integer> RANK = rank(LAYERS);

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void everyPackageHasAPlaceInTheLayering() {
        TreeSet<String> unplaced = main.stream().map(ArchitectureTest::topPackage).flatMap(Optional::stream)
                .filter(p -> !RANK.containsKey(p)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(unplaced).as("packages missing from ArchitectureTest.LAYERS").isEmpty();
    }

    @Test
    void aPackageUsesOnlyItselfAndThePackagesBelowIt() {
        classes().should(useOnlyLowerLayers(RANK)).check(main);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void theAlertHalfSeesResultsOnlyAsIncidents() {
        // Downward, but across a stage boundary: routing works on an incident's labels, never on a
        // check result or the check pipeline; the notification stage hears of config by event.
        noClasses().that().resideInAPackage(ROOT + ".route..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".evaluate..", ROOT + ".plan..",
                        ROOT + ".query..", ROOT + ".checks..", ROOT + ".run..", ROOT + ".schedule..")
                .check(main);
        noClasses().that().resideInAnyPackage(ROOT + ".notify..", ROOT + ".incidents..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".schedule..")
                .check(main);
    }

    @Test
    void onlyTheBenchmarksAndTheCliUseTheFakes() {
        // The fake Slack Web API lives in main so that `bench faults` can drive the daemon against it;
        // the service itself must never reach for it.
        noClasses().that().resideOutsideOfPackages(ROOT + ".fakes..", ROOT + ".bench..", ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".fakes..")
                .check(main);
    }

    @Test
    void theRuleFailsOnAnUpwardImport() {
        // notify uses route; with the two swapped, that use goes upward and the rule must say so.
        List<List<String>> swapped = LAYERS.stream().map(layer -> layer.stream()
                .map(p -> p.equals("route") ? "notify" : p.equals("notify") ? "route" : p).toList()).toList();
        var result = classes().should(useOnlyLowerLayers(rank(swapped))).evaluate(main);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(d -> d.startsWith("notify → route goes up"));
    }

    private static ArchCondition<JavaClass> useOnlyLowerLayers(Map<String, Integer> rank) {
        return new ArchCondition<>("use only their own package and the packages below it") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Optional<String> from = topPackage(item);
                if (from.isEmpty()) {
                    return;
                }
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    Optional<String> to = topPackage(dependency.getTargetClass());
                    if (to.isPresent() && !allowed(rank, from.get(), to.get())) {
                        events.add(SimpleConditionEvent.violated(dependency, from.get() + " → " + to.get()
                                + " goes up or sideways: " + dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** Whether a class in package {@code from} may use one in package {@code to}. */
    private static boolean allowed(Map<String, Integer> rank, String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        Integer fromRank = rank.get(from);
        Integer toRank = rank.get(to);
        // Unplaced packages are reported by everyPackageHasAPlaceInTheLayering, once.
        return fromRank == null || toRank == null || toRank < fromRank;
    }

    private static Map<String, Integer> rank(List<List<String>> layers) {
        return IntStream.range(0, layers.size()).boxed()
                .flatMap(i -> layers.get(i).stream().map(p -> Map.entry(p, i)))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The package right under dev.trackwatch, e.g. {@code notify} for dev.trackwatch.notify.slack.X. */
    private static Optional<String> topPackage(JavaClass c) {
        String name = c.getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}

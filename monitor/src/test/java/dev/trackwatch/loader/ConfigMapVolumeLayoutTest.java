package dev.trackwatch.loader;

import dev.trackwatch.config.LoadResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helm chart mounts checks/ and runbooks/ from a ConfigMap, which Kubernetes lays out as a
 * timestamped directory, a {@code ..data} link to it, and top-level links into {@code ..data}; a
 * subdirectory such as {@code checks/tracking-plan} is then a link too. The chart points the daemon at
 * {@code VOLUME/..data/checks}, where every directory is a real one: the whole tree loads, tracking plan
 * included, with the same hash as the repository's, and runbook: references resolve beside it.
 */
class ConfigMapVolumeLayoutTest {

    @Test
    void treeReadThroughTheDataLinkLoadsWhole() throws IOException {
        Path volume = Files.createTempDirectory("configmap-volume-");
        Path stamped = volume.resolve("..2026_12_07_21_00_00.123456789");
        copyTree(ExampleChecksTest.CHECKS, stamped.resolve("checks"));
        copyTree(Path.of("../runbooks"), stamped.resolve("runbooks"));
        Files.createSymbolicLink(volume.resolve("..data"), volume.relativize(stamped));
        Files.createSymbolicLink(volume.resolve("checks"), Path.of("..data/checks"));
        Files.createSymbolicLink(volume.resolve("runbooks"), Path.of("..data/runbooks"));
        Files.writeString(stamped.resolve("checks/.keep"), "");

        LoadResult throughData = ConfigLoader.load(volume.resolve("..data/checks"));
        LoadResult repository = ConfigLoader.load(ExampleChecksTest.CHECKS);

        assertThat(throughData.errors()).isEmpty();
        assertThat(throughData.spec().trackingPlan()).hasSameSizeAs(repository.spec().trackingPlan()).isNotEmpty();
        assertThat(throughData.spec().hash()).isEqualTo(repository.spec().hash());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}

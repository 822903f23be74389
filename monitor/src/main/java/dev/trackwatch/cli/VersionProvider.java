package dev.trackwatch.cli;

import dev.trackwatch.embedded.ChdbLocator;
import picocli.CommandLine;

/** Prints Trackwatch's version and the chDB version it is pinned to. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = TrackwatchCli.class.getPackage().getImplementationVersion();
        return new String[] {"trackwatch " + (version == null ? "dev" : version),
                "embedded ClickHouse: chDB " + ChdbLocator.pinnedVersion()};
    }
}

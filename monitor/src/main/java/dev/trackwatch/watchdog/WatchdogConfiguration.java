package dev.trackwatch.watchdog;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/** The watchdog's settings ({@code trackwatch.watchdog.*}, see docs/configuration.md). */
@ConfigurationProperties("trackwatch.watchdog")
public class WatchdogConfiguration {

    private boolean enabled = true;
    private Duration clickhouseDownAfter = Duration.ofMinutes(2);
    private Duration clickhouseUpAfter = Duration.ofMinutes(1);
    private Duration probeInterval = Duration.ofSeconds(15);
    private Path stateFile;

    /** Whether the watchdog runs (with the scheduler, in {@code serve} and {@code demo}). */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** How long ClickHouse must be unreachable before the platform receiver is told. */
    public Duration getClickhouseDownAfter() {
        return clickhouseDownAfter;
    }

    public void setClickhouseDownAfter(Duration clickhouseDownAfter) {
        this.clickhouseDownAfter = clickhouseDownAfter;
    }

    /** How long ClickHouse must answer again before a told outage is resolved (a flap within it continues the outage). */
    public Duration getClickhouseUpAfter() {
        return clickhouseUpAfter;
    }

    public void setClickhouseUpAfter(Duration clickhouseUpAfter) {
        this.clickhouseUpAfter = clickhouseUpAfter;
    }

    /** How often the watchdog probes ClickHouse and tells what is due. */
    public Duration getProbeInterval() {
        return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
        this.probeInterval = probeInterval;
    }

    /** The state file; null: {@code watchdog.json} beside the outbox ({@code trackwatch.notify.outbox}). */
    public Path getStateFile() {
        return stateFile;
    }

    public void setStateFile(Path stateFile) {
        this.stateFile = stateFile;
    }
}

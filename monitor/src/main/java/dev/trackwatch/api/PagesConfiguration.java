package dev.trackwatch.api;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The health pages' settings ({@code trackwatch.pages.*}). Reading the pages is open by default, as
 * data leads open them from a browser; {@code require-token} makes them ask for the API token too.
 */
@ConfigurationProperties("trackwatch.pages")
public class PagesConfiguration {

    private boolean requireToken;

    /** Whether the pages need the API token ({@code trackwatch.api.token}); false by default. */
    public boolean isRequireToken() {
        return requireToken;
    }

    public void setRequireToken(boolean requireToken) {
        this.requireToken = requireToken;
    }

    private String runbooksDir = "";

    /** Where {@code /runbooks/} renders runbooks from; empty means {@code runbooks/} beside the checks directory. */
    public String getRunbooksDir() {
        return runbooksDir;
    }

    public void setRunbooksDir(String runbooksDir) {
        this.runbooksDir = runbooksDir == null ? "" : runbooksDir.strip();
    }
}

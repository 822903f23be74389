package dev.trackwatch.config;

import java.util.ArrayList;
import java.util.List;

/** The errors of one load, collected from every file and every pass; nothing stops at the first. */
public final class Problems {

    private final List<ConfigError> errors = new ArrayList<>();

    public void add(SourceLocation at, String code, String message) {
        errors.add(ConfigError.at(at, code, message));
    }

    public void addAll(List<ConfigError> more) {
        errors.addAll(more);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public int count() {
        return errors.size();
    }

    public List<ConfigError> all() {
        return List.copyOf(errors);
    }
}

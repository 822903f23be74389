package dev.trackwatch.config;

import java.util.ArrayList;
import java.util.List;

/** The errors of one load, collected from every file and every pass; nothing stops at the first. */
final class Problems {

    private final List<ConfigError> errors = new ArrayList<>();

    void add(SourceLocation at, String code, String message) {
        errors.add(ConfigError.at(at, code, message));
    }

    void addAll(List<ConfigError> more) {
        errors.addAll(more);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    List<ConfigError> all() {
        return List.copyOf(errors);
    }
}

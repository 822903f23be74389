package dev.trackwatch.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One YAML file being read: its path relative to the checks directory, and where its errors go.
 * Turns SnakeYAML's zero-based marks into the one-based locations every error carries.
 */
final class YamlFile {

    private final String path;
    private final Problems problems;

    YamlFile(String path, Problems problems) {
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    SourceLocation at(Node node) {
        return at(node.getStartMark());
    }

    SourceLocation at(Mark mark) {
        return mark == null ? SourceLocation.of(path) : new SourceLocation(path, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void error(Node node, String code, String message) {
        problems.add(at(node), code, message);
    }

    void error(SourceLocation at, String code, String message) {
        problems.add(at, code, message);
    }

    Problems problems() {
        return problems;
    }
}

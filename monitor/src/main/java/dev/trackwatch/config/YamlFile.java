package dev.trackwatch.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One YAML file being read: its path relative to the checks directory, and where its errors go.
 * Turns SnakeYAML's zero-based marks into the one-based locations every error carries.
 */
public final class YamlFile {

    private final String path;
    private final Problems problems;

    public YamlFile(String path, Problems problems) {
        this.path = path;
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    public SourceLocation at(Node node) {
        return at(node.getStartMark());
    }

    public SourceLocation at(Mark mark) {
        return mark == null ? SourceLocation.of(path) : new SourceLocation(path, mark.getLine() + 1, mark.getColumn() + 1);
    }

    public void error(Node node, String code, String message) {
        problems.add(at(node), code, message);
    }

    public void error(SourceLocation at, String code, String message) {
        problems.add(at, code, message);
    }

    public Problems problems() {
        return problems;
    }
}

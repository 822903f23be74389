package dev.trackwatch.loader;

import dev.trackwatch.config.ConfigError;
import dev.trackwatch.config.EventContract;
import dev.trackwatch.config.Problems;
import dev.trackwatch.config.SourceLocation;
import dev.trackwatch.plan.PlanException;
import dev.trackwatch.plan.SqlSafety;
import dev.trackwatch.config.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tracking plan, {@code tracking-plan/EVENT/VERSION.json} or {@code tracking-plan/EVENT.json}
 * (version 0), each a JSON Schema (draft 2020-12) of the event's properties object. Only the part
 * Trackwatch checks in ClickHouse is accepted: {@code type}, {@code properties} (each with
 * {@code type} and {@code enum}), {@code required} and a boolean {@code additionalProperties}, plus
 * annotations that never affect validity. Any other validation keyword is refused rather than
 * ignored, because ignoring it would make the plan look stricter than what is checked.
 */
final class TrackingPlanReader {

    /** The directory, relative to the checks directory. */
    static final String DIR = "tracking-plan";

    private static final Pattern FILE = Pattern.compile("([^/.][^/]*?)(?:/([1-9][0-9]{0,8}))?\\.json");
    private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
    private static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "object", "array",
            "null");
    /** The keywords the top level supports. */
    private static final List<String> TOP_LEVEL = List.of("type", "properties", "required", "additionalProperties");
    /** Keywords that only annotate; {@code format} is annotation-only by default in draft 2020-12. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description",
            "examples", "default", "deprecated", "readOnly", "writeOnly", "format");
    /** The rest of draft 2020-12's vocabulary (and draft-07's leftovers): real keywords we refuse. */
    private static final Set<String> UNSUPPORTED = Set.of("$ref", "$defs", "definitions", "$anchor", "$dynamicRef",
            "$dynamicAnchor", "$vocabulary", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "dependentSchemas", "dependentRequired", "dependencies", "prefixItems", "items", "additionalItems",
            "contains", "patternProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "const",
            "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
            "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
            "minProperties", "contentEncoding", "contentMediaType", "contentSchema");

    private final String file;
    private final Problems problems;

    private TrackingPlanReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Reads one schema file; {@code path} is relative to the checks directory with {@code /}
     * separators. Returns null when the file is invalid (its errors are reported).
     */
    static EventContract read(String path, String content, Problems problems) {
        Matcher m = FILE.matcher(path.substring(DIR.length() + 1));
        if (!m.matches()) {
            problems.add(SourceLocation.of(path), ConfigError.BAD_FILE_NAME, "unexpected file in " + DIR
                    + "/: name schemas " + DIR + "/EVENT/VERSION.json (VERSION a positive integer) or " + DIR
                    + "/EVENT.json");
            return null;
        }
        int version = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        JsonTree.Value root = JsonTree.parse(path, content, problems);
        return root == null ? null : new TrackingPlanReader(path, problems).contract(m.group(1), version, root);
    }

    private EventContract contract(String event, int version, JsonTree.Value root) {
        int before = problems.count();
        if (!(root instanceof JsonTree.Obj schema)) {
            error(root.at(), "expected a JSON Schema object describing the event's properties");
            return null;
        }
        Map<String, EventContract.PropertyRule> properties = new LinkedHashMap<>();
        Map<String, SourceLocation> required = new LinkedHashMap<>();
        boolean additional = true;
        JsonTree.Value type = null;
        for (JsonTree.Member member : schema.members().values()) {
            JsonTree.Value value = member.value();
            switch (member.key()) {
                case "$schema" -> {
                    if (!(value instanceof JsonTree.Scalar s && DRAFT.equals(s.text()))) {
                        error(value.at(), "$schema must be " + DRAFT + ": Trackwatch reads JSON Schema draft 2020-12");
                    }
                }
                case "type" -> type = value;
                case "properties" -> properties(value, properties);
                case "required" -> required(value, required);
                case "additionalProperties" -> {
                    if (value instanceof JsonTree.Scalar s && s.token().isBoolean()) {
                        additional = Boolean.parseBoolean(s.text());
                    } else {
                        error(value.at(), "additionalProperties must be true or false: a schema for additional "
                                + "properties is not supported");
                    }
                }
                default -> keyword(member, TOP_LEVEL, false);
            }
        }
        if (type == null) {
            error(schema.at(), "missing \"type\": \"object\": the schema describes the event's properties object");
        } else if (!(type instanceof JsonTree.Scalar s && "object".equals(s.text()))) {
            error(type.at(), "type must be \"object\": the schema describes the event's properties object");
        }
        if (!additional) {
            required.forEach((name, at) -> {
                if (!properties.containsKey(name)) {
                    error(at, "required property '" + name + "' is not in properties while additionalProperties "
                            + "is false: no event could be valid");
                }
            });
        }
        if (problems.count() > before) {
            return null;
        }
        return new EventContract(event, version, List.copyOf(required.keySet()), properties, additional, SourceLocation.of(file));
    }

    private void properties(JsonTree.Value value, Map<String, EventContract.PropertyRule> out) {
        if (!(value instanceof JsonTree.Obj object)) {
            error(value.at(), "properties must be an object of property name to schema");
            return;
        }
        for (JsonTree.Member member : object.members().values()) {
            if (!validName(member.key(), member.keyAt())) {
                continue;
            }
            EventContract.PropertyRule rule = property(member.value());
            if (rule != null) {
                out.put(member.key(), rule);
            }
        }
    }

    /** Reads one property's schema: {@code true}, {@code {}} or an object with type and enum. */
    private EventContract.PropertyRule property(JsonTree.Value value) {
        if (value instanceof JsonTree.Scalar s && "true".equals(s.text())) {
            return new EventContract.PropertyRule(List.of(), List.of());
        }
        if (!(value instanceof JsonTree.Obj schema)) {
            error(value.at(), "expected a property schema object such as {\"type\": \"string\"}");
            return null;
        }
        List<String> types = new ArrayList<>();
        List<String> allowed = new ArrayList<>();
        for (JsonTree.Member member : schema.members().values()) {
            switch (member.key()) {
                case "type" -> types(member.value(), types);
                case "enum" -> enumValues(member.value(), allowed);
                default -> keyword(member, List.of("type", "enum"), true);
            }
        }
        return new EventContract.PropertyRule(types, allowed);
    }

    private void types(JsonTree.Value value, List<String> out) {
        List<JsonTree.Value> items = value instanceof JsonTree.Arr arr ? arr.items() : List.of(value);
        if (items.isEmpty()) {
            error(value.at(), "type must name at least one type");
        }
        for (JsonTree.Value item : items) {
            if (!(item instanceof JsonTree.Scalar s && s.isString())) {
                error(item.at(), "expected a type name such as \"string\"");
            } else if (!TYPES.contains(s.text())) {
                String suggestion = Suggestions.didYouMean(s.text(), TYPES);
                error(item.at(), "unknown type '" + s.text() + "'" + (suggestion.isEmpty()
                        ? ": expected one of " + String.join(", ", TYPES) : suggestion));
            } else if (out.contains(s.text())) {
                error(item.at(), "type '" + s.text() + "' is listed twice");
            } else {
                out.add(s.text());
            }
        }
    }

    private void enumValues(JsonTree.Value value, List<String> out) {
        if (!(value instanceof JsonTree.Arr arr) || arr.items().isEmpty()) {
            error(value.at(), "enum must be a non-empty array of allowed values");
            return;
        }
        for (JsonTree.Value item : arr.items()) {
            if (item instanceof JsonTree.Scalar s) {
                out.add(s.text() == null ? "null" : s.text());
            } else {
                error(item.at(), "enum values must be strings, numbers, booleans or null");
            }
        }
    }

    /**
     * Property names become JSON paths in the schema check's SQL; the query builder refuses quotes,
     * backticks and control characters in them, so they are refused here, before any run.
     */
    private boolean validName(String name, SourceLocation at) {
        try {
            SqlSafety.property(name, "property");
            return true;
        } catch (PlanException e) {
            problems.add(at, ConfigError.BAD_IDENTIFIER, e.getMessage());
            return false;
        }
    }

    private void required(JsonTree.Value value, Map<String, SourceLocation> out) {
        if (!(value instanceof JsonTree.Arr arr)) {
            error(value.at(), "required must be an array of property names");
            return;
        }
        for (JsonTree.Value item : arr.items()) {
            if (!(item instanceof JsonTree.Scalar s && s.isString())) {
                error(item.at(), "required must list property names as strings");
            } else if (!validName(s.text(), item.at())) {
                continue;
            } else if (out.containsKey(s.text())) {
                error(item.at(), "required property '" + s.text() + "' is listed twice");
            } else {
                out.put(s.text(), item.at());
            }
        }
    }

    /**
     * Accepts annotations, refuses the other JSON Schema keywords (including the object keywords
     * inside a property, since nested objects are not checked), and calls anything else a typo.
     */
    private void keyword(JsonTree.Member member, List<String> supportedHere, boolean inProperty) {
        String key = member.key();
        if (ANNOTATIONS.contains(key)) {
            return;
        }
        if (UNSUPPORTED.contains(key) || TOP_LEVEL.contains(key)) {
            error(member.keyAt(), "keyword '" + key + "' is not supported" + (inProperty ? " in a property" : "")
                    + ": Trackwatch checks required, type and enum in ClickHouse");
            return;
        }
        List<String> candidates = new ArrayList<>(supportedHere);
        candidates.addAll(ANNOTATIONS.stream().sorted().toList());
        candidates.addAll(UNSUPPORTED.stream().sorted().toList());
        problems.add(member.keyAt(), ConfigError.UNKNOWN_KEY, "unknown keyword '" + key + "'"
                + Suggestions.didYouMean(key, candidates));
    }

    private void error(SourceLocation at, String message) {
        problems.add(at, ConfigError.BAD_SCHEMA, message);
    }
}

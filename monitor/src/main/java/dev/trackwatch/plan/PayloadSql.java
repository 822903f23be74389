package dev.trackwatch.plan;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How tracking-plan rules read the properties of an event payload. A {@code JSON} column stores
 * each path as a subcolumn of type {@code Dynamic}, so presence is "the subcolumn is not NULL" and
 * the JSON type comes from {@code dynamicType}; a String column holding JSON text is parsed with
 * {@code JSONHas}/{@code JSONType}, with the property names as bound values.
 */
sealed interface PayloadSql permits PayloadSql.JsonColumn, PayloadSql.StringColumn {

    /** Returns "the property is present"; {@code mayBeObject} also accepts a nested object. */
    Condition present(String property, boolean mayBeObject);

    /** JSON Schema type names the rules understand; the planner rejects others before asking for SQL. */
    Set<String> JSON_TYPES = Set.of("integer", "number", "string", "boolean", "array", "object", "null");

    /** Returns "the present property has one of these JSON Schema types". */
    Condition typeIn(String property, List<String> jsonTypes);

    /** Returns the property's value as text (strings unquoted, other values as JSON) for enum checks. */
    Field<String> text(String property);

    /** Returns "the payload has a top-level key not in {@code listed}". */
    Condition hasOtherKeys(Collection<String> listed);

    /** Returns the strategy for the column's type, or makes the request unplannable. */
    static PayloadSql of(ScanContext ctx, String check, String column) {
        Field<Object> field = ctx.requireColumn(column, check, "properties column");
        if (ctx.columns.isJson(column)) {
            return new JsonColumn(ctx, column, field, typedPaths(ctx.columns.type(column)));
        }
        if (ctx.columns.isString(column)) {
            return new StringColumn(ctx.columns.isNullable(column) ? DSL.field("ifNull({0}, '')", Object.class, field) : field);
        }
        throw new ScanContext.Unplannable(ctx.context(check) + ": properties column '" + column + "' has type "
                + ctx.columns.type(column) + "; the tracking plan needs a JSON or String column");
    }

    /**
     * Returns the paths a {@code JSON(...)} type declares with a fixed type, e.g. {@code a} in
     * {@code JSON(a UInt32, max_dynamic_paths=64, SKIP b)}. Such paths always exist (missing values
     * read as the type's default) and always have their declared type, so presence and type
     * rules cannot be checked on them and are treated as satisfied.
     */
    static Set<String> typedPaths(String type) {
        Set<String> paths = new HashSet<>();
        if (!type.startsWith("JSON(") || !type.endsWith(")")) {
            return paths;
        }
        String inner = type.substring(5, type.length() - 1);
        int depth = 0;
        int start = 0;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i <= inner.length(); i++) {
            char c = i < inner.length() ? inner.charAt(i) : ',';
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i).trim());
                start = i + 1;
            }
        }
        for (String part : parts) {
            if (part.isEmpty() || part.startsWith("SKIP ") || part.matches("^\\w+\\s*=.*")) {
                continue;
            }
            String path = part.split("\\s+", 2)[0];
            paths.add(path.startsWith("`") && path.endsWith("`") ? path.substring(1, path.length() - 1) : path);
        }
        return paths;
    }

    /** A {@code JSON} column. JSON null is not stored, so a null value reads as absent. */
    record JsonColumn(ScanContext ctx, String column, Field<Object> field, Set<String> typedPaths) implements PayloadSql {

        private static final List<String> INTEGERS = List.of("Int8", "Int16", "Int32", "Int64", "Int128", "Int256",
                "UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "UInt256");
        private static final List<String> FLOATS = List.of("Float32", "Float64");
        /** JSON strings that look like dates are stored as dates; they are still strings to the plan. */
        private static final List<String> STRINGS = List.of("String", "Date", "Date32", "DateTime");

        private Field<Object> path(String property) {
            return ctx.subcolumn(column, List.of(property));
        }

        private Condition hasSubObject(String property) {
            return DSL.condition("notEmpty(JSONAllPaths({0}.^{1}))", field, DSL.name(property));
        }

        public Condition present(String property, boolean mayBeObject) {
            if (typedPaths.contains(property)) {
                return DSL.trueCondition();
            }
            Condition scalar = path(property).isNotNull();
            return mayBeObject ? scalar.or(hasSubObject(property)) : scalar;
        }

        public Condition typeIn(String property, List<String> jsonTypes) {
            if (typedPaths.contains(property)) {
                return DSL.trueCondition();
            }
            Field<String> type = DSL.field("dynamicType({0})", String.class, path(property));
            List<Condition> any = new ArrayList<>();
            for (String jsonType : jsonTypes) {
                any.add(switch (jsonType) {
                    case "integer" -> type.in(inline(INTEGERS));
                    case "number" -> type.in(inline(INTEGERS)).or(type.in(inline(FLOATS)));
                    case "string" -> type.in(inline(STRINGS)).or(startsWith(type, "DateTime64("));
                    case "boolean" -> type.eq(DSL.inline("Bool"));
                    case "array" -> startsWith(type, "Array(");
                    case "object" -> path(property).isNull().and(hasSubObject(property));
                    // A JSON column drops JSON nulls: a null value is absent, never a present value.
                    case "null" -> DSL.falseCondition();
                    default -> throw new IllegalArgumentException("unknown JSON type '" + jsonType + "'");
                });
            }
            return DSL.or(any);
        }

        public Field<String> text(String property) {
            return DSL.field("toString({0})", String.class, path(property));
        }

        public Condition hasOtherKeys(Collection<String> listed) {
            Field<?> topLevelKeys = DSL.field("arrayMap(_tw_path -> splitByChar('.', _tw_path)[1], JSONAllPaths({0}))",
                    Object.class, field);
            return otherKeys(topLevelKeys, listed);
        }
    }

    /** A String column holding JSON text (NULL payloads read as empty text). */
    record StringColumn(Field<Object> field) implements PayloadSql {

        public Condition present(String property, boolean mayBeObject) {
            return DSL.condition("JSONHas({0}, {1})", field, DSL.val(property));
        }

        public Condition typeIn(String property, List<String> jsonTypes) {
            List<String> names = new ArrayList<>();
            for (String jsonType : jsonTypes) {
                names.addAll(switch (jsonType) {
                    case "integer" -> List.of("Int64", "UInt64");
                    case "number" -> List.of("Int64", "UInt64", "Double");
                    case "string" -> List.of("String");
                    case "boolean" -> List.of("Bool");
                    case "array" -> List.of("Array");
                    case "object" -> List.of("Object");
                    case "null" -> List.of("Null");
                    default -> throw new IllegalArgumentException("unknown JSON type '" + jsonType + "'");
                });
            }
            return DSL.field("toString(JSONType({0}, {1}))", String.class, field, DSL.val(property)).in(inline(names));
        }

        public Field<String> text(String property) {
            return DSL.field("if(JSONType({0}, {1}) = 'String', JSONExtractString({0}, {1}), JSONExtractRaw({0}, {1}))",
                    String.class, field, DSL.val(property));
        }

        public Condition hasOtherKeys(Collection<String> listed) {
            return otherKeys(DSL.field("JSONExtractKeys({0})", Object.class, field), listed);
        }
    }

    /** Returns "an element of the key array is not listed"; listed names are bound values. */
    private static Condition otherKeys(Field<?> keys, Collection<String> listed) {
        if (listed.isEmpty()) {
            return DSL.condition("notEmpty({0})", keys);
        }
        Field<String> key = DSL.field(DSL.name("_tw_key"), String.class);
        return DSL.condition("arrayExists(_tw_key -> {0}, {1})", key.notIn(listed.stream().map(DSL::val).toList()), keys);
    }

    private static List<Field<String>> inline(List<String> constants) {
        return constants.stream().<Field<String>>map(DSL::inline).toList();
    }

    private static Condition startsWith(Field<String> value, String prefix) {
        return DSL.condition("startsWith({0}, {1})", value, DSL.inline(prefix));
    }
}

package dev.trellis.deploy;

import static dev.trellis.deploy.Repo.list;
import static dev.trellis.deploy.Repo.map;
import static dev.trellis.deploy.Repo.str;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A custom resource's schema in the form of a CRD's {@code openAPIV3Schema}, checked the way the API
 * server's structural schema would, but with unknown fields refused instead of pruned. The supported
 * keywords: type, properties, required, items, enum, pattern, minimum, additionalProperties (a schema
 * for map values), x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields.
 *
 * The schemas are in src/test/resources/crd-schemas/&lt;group&gt;_&lt;version&gt;_&lt;Kind&gt;.yaml. No registry that
 * this project reaches ships CloudNativePG's CRDs (neither Maven Central nor npm: see deploy/README.md,
 * "Checks"), so these are written from the CloudNativePG and Barman Cloud plugin API references and
 * cover the fields Trellis uses and their neighbours, not the whole API: a field they lack is refused
 * even where the operator would accept it, which is the safe side for a typo.
 */
record CrdSchema(String resource, Map<String, Object> schema) {

    static Optional<CrdSchema> forKind(String apiVersion, String kind) {
        String file = "crd-schemas/" + apiVersion.replace('/', '_') + "_" + kind + ".yaml";
        try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                return Optional.empty();
            }
            Map<String, Object> crd = map(Repo.yamlDocuments(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get(0));
            return Optional.of(new CrdSchema(file, map(crd.get("openAPIV3Schema"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates the object (apiVersion, kind and metadata are the API server's, not the schema's). */
    void validate(String where, Map<String, Object> object, List<String> problems) {
        Map<String, Object> props = map(schema.get("properties"));
        for (Map.Entry<String, Object> e : object.entrySet()) {
            String key = e.getKey();
            if (key.equals("apiVersion") || key.equals("kind") || key.equals("metadata")) {
                continue;
            }
            if (!props.containsKey(key)) {
                problems.add(where + ": unknown field " + key + " (" + resource + ")");
            } else {
                check(where, key, e.getValue(), map(props.get(key)), problems);
            }
        }
        for (Object r : list(schema.get("required"))) {
            if (!object.containsKey(str(r))) {
                problems.add(where + ": missing required field " + r);
            }
        }
    }

    static void check(String where, String path, Object value, Map<String, Object> s, List<String> problems) {
        if (Boolean.TRUE.equals(s.get("x-kubernetes-int-or-string"))) {
            if (!(value instanceof Integer || value instanceof Long || value instanceof String)) {
                problems.add(where + ": " + path + " must be an integer or a string, not " + describe(value));
            }
            return;
        }
        String type = str(s.get("type"));
        boolean ok = switch (type == null ? "" : type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> true;
        };
        if (!ok) {
            problems.add(where + ": " + path + " must be of type " + type + ", not " + describe(value));
            return;
        }
        if (s.containsKey("enum") && !list(s.get("enum")).contains(value)) {
            problems.add(where + ": " + path + " is " + value + ", not one of " + s.get("enum"));
        }
        if (s.containsKey("pattern") && value instanceof String str
                && !Pattern.compile(str(s.get("pattern"))).matcher(str).find()) {
            problems.add(where + ": " + path + " '" + str + "' does not match " + s.get("pattern"));
        }
        if (s.containsKey("minimum") && value instanceof Number n
                && n.doubleValue() < ((Number) s.get("minimum")).doubleValue()) {
            problems.add(where + ": " + path + " is " + n + ", below the minimum " + s.get("minimum"));
        }
        if (value instanceof List<?> items) {
            Map<String, Object> itemSchema = map(s.get("items"));
            for (int i = 0; i < items.size(); i++) {
                check(where, path + "[" + i + "]", items.get(i), itemSchema, problems);
            }
        }
        if (value instanceof Map<?, ?> m && !Boolean.TRUE.equals(s.get("x-kubernetes-preserve-unknown-fields"))) {
            Map<String, Object> props = map(s.get("properties"));
            Object additional = s.get("additionalProperties");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String child = path + "." + e.getKey();
                if (props.containsKey(str(e.getKey()))) {
                    check(where, child, e.getValue(), map(props.get(str(e.getKey()))), problems);
                } else if (additional instanceof Map<?, ?> valueSchema) {
                    check(where, child, e.getValue(), map(valueSchema), problems);
                } else {
                    problems.add(where + ": unknown field " + child);
                }
            }
            for (Object r : list(s.get("required"))) {
                if (!m.containsKey(str(r))) {
                    problems.add(where + ": " + path + " misses the required field " + r);
                }
            }
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}

package dev.trellis.systest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The operations every running service documents at {@code /q/openapi?format=json}. */
final class OpenApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    record Param(String name, String in, JsonNode schema) {
        String type() {
            return schema == null ? "" : schema.path("type").asText("");
        }
    }

    record Operation(String service, String method, String path, List<Param> params,
                     Map<String, JsonNode> bodies, JsonNode document) {
        String key() {
            return service + " " + method + " " + path;
        }

        List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }

        /** The JSON body's schema with its $refs resolved (null without a JSON body). */
        JsonNode jsonSchema() {
            JsonNode s = bodies.get("application/json");
            return s == null ? null : resolve(s);
        }

        JsonNode resolve(JsonNode schema) {
            int guard = 0;
            while (schema != null && schema.has("$ref") && guard++ < 10) {
                String ref = schema.get("$ref").asText();
                schema = document.at(ref.substring(1));
            }
            return schema;
        }
    }

    static String fetch(Suite suite, String service) {
        RawHttp.Answer a = RawHttp.send(suite.url(service), new RawHttp.Request("GET", "/q/openapi?format=json"));
        if (a.status() != 200) {
            throw new AssertionError(service + "-service: /q/openapi answered " + a.brief());
        }
        return a.body();
    }

    /** Every operation of every service of the suite, sorted by service, path and method. */
    static List<Operation> operations(Suite suite) {
        List<Operation> all = new ArrayList<>();
        for (String s : Suite.SERVICES) {
            all.addAll(parse(s, fetch(suite, s)));
        }
        return all;
    }

    static List<Operation> parse(String service, String text) {
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(service + "-service: /q/openapi is not JSON", e);
        }
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            List<Param> shared = params(p.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> m = p.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> op = m.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                List<Param> params = new ArrayList<>(shared);
                params.addAll(params(op.getValue().path("parameters")));
                Map<String, JsonNode> bodies = new LinkedHashMap<>();
                op.getValue().path("requestBody").path("content").fields()
                        .forEachRemaining(c -> bodies.put(c.getKey(), c.getValue().path("schema")));
                ops.add(new Operation(service, op.getKey().toUpperCase(Locale.ROOT), p.getKey(), params, bodies, doc));
            }
        }
        ops.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
        return ops;
    }

    private static List<Param> params(JsonNode list) {
        List<Param> out = new ArrayList<>();
        list.forEach(p -> out.add(new Param(p.path("name").asText(), p.path("in").asText(), p.get("schema"))));
        return out;
    }
}

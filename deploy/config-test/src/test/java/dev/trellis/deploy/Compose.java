package dev.trellis.deploy;

import static dev.trellis.deploy.Repo.list;
import static dev.trellis.deploy.Repo.map;
import static dev.trellis.deploy.Repo.str;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A docker-compose project as the files describe it (without variable interpolation): later files
 * merged over earlier ones the way Compose merges them (mappings by key, lists appended).
 */
record Compose(String variant, Map<String, Map<String, Object>> services, Set<String> secrets) {

    static Compose load(Path dir, List<String> files) {
        List<Object> docs = new ArrayList<>();
        for (String f : files) {
            docs.add(Repo.yamlMap(dir.resolve(f)));
        }
        return of(String.join(" + ", files), docs);
    }

    static Compose of(String variant, List<Object> documents) {
        Object merged = null;
        for (Object doc : documents) {
            merged = merge(null, merged, normalize(doc));
        }
        Map<String, Map<String, Object>> services = new TreeMap<>();
        map(map(merged).get("services")).forEach((name, svc) -> services.put(name, map(svc)));
        Set<String> secrets = new LinkedHashSet<>(map(map(merged).get("secrets")).keySet());
        return new Compose(variant, services, secrets);
    }

    /** The environment of a service as a map (Compose accepts a mapping or a list of KEY=VALUE). */
    static Map<String, String> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(str(k), v == null ? "" : str(v)));
        } else {
            for (Object item : list(env)) {
                String s = str(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return out;
    }

    /** The secret names a service mounts (short syntax, or long syntax's source). */
    static Set<String> serviceSecrets(Map<String, Object> service) {
        Set<String> out = new LinkedHashSet<>();
        for (Object s : list(service.get("secrets"))) {
            if (s instanceof Map<?, ?> m) {
                Object target = m.get("target");
                out.add(str(target != null ? target : m.get("source")));
            } else {
                out.add(str(s));
            }
        }
        return out;
    }

    /** depends_on as service -> condition (the list form means service_started). */
    static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> out = new LinkedHashMap<>();
        Object deps = service.get("depends_on");
        if (deps instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                Object cond = map(v).get("condition");
                out.put(str(k), cond == null ? "service_started" : str(cond));
            });
        } else {
            list(deps).forEach(d -> out.put(str(d), "service_started"));
        }
        return out;
    }

    /** Published ports as [published, target] (published null when Compose picks one). */
    static List<Integer[]> ports(Map<String, Object> service) {
        List<Integer[]> out = new ArrayList<>();
        for (Object p : list(service.get("ports"))) {
            if (p instanceof Map<?, ?> m) {
                out.add(new Integer[] {toInt(m.get("published")), toInt(m.get("target"))});
                continue;
            }
            String s = str(p).replaceFirst("/(tcp|udp)$", "");
            String[] parts = s.split(":");
            Integer target = toInt(parts[parts.length - 1]);
            Integer published = parts.length >= 2 ? toInt(parts[parts.length - 2]) : null;
            out.add(new Integer[] {published, target});
        }
        return out;
    }

    static String healthcheckCommand(Map<String, Object> service) {
        Object test = map(service.get("healthcheck")).get("test");
        if (test instanceof List<?> l) {
            return String.join(" ", l.stream().map(Repo::str).toList());
        }
        return str(test);
    }

    boolean hasHost(String host) {
        if (services.containsKey(host)) {
            return true;
        }
        return services.values().stream().anyMatch(s -> host.equals(str(s.get("hostname"))));
    }

    private static Integer toInt(Object o) {
        if (o == null) {
            return null;
        }
        String s = str(o).trim();
        return s.matches("\\d+") ? Integer.valueOf(s) : null;
    }

    /** environment lists become mappings before merging, so that keys merge as Compose merges them. */
    private static Object normalize(Object doc) {
        Map<String, Object> copy = new LinkedHashMap<>(map(doc));
        Map<String, Object> services = new LinkedHashMap<>();
        map(copy.get("services")).forEach((name, svc) -> {
            Map<String, Object> s = new LinkedHashMap<>(map(svc));
            if (s.containsKey("environment")) {
                s.put("environment", new LinkedHashMap<String, Object>(environment(s)));
            }
            services.put(name, s);
        });
        copy.put("services", services);
        return copy;
    }

    /** Lists that a later file replaces instead of extending. */
    private static final Set<String> REPLACED_LISTS = Set.of("test", "command", "entrypoint", "dns", "dns_search");

    @SuppressWarnings("unchecked")
    private static Object merge(String key, Object base, Object over) {
        if (base instanceof Map && over instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) base);
            ((Map<String, Object>) over).forEach((k, v) -> out.put(k, merge(k, out.get(k), v)));
            return out;
        }
        if (base instanceof List && over instanceof List && !REPLACED_LISTS.contains(key)) {
            List<Object> out = new ArrayList<>((List<Object>) base);
            ((List<Object>) over).stream().filter(v -> !out.contains(v)).forEach(out::add);
            return out;
        }
        return over != null ? over : base;
    }
}

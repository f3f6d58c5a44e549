package dev.trellis.deploy;

import static dev.trellis.deploy.Repo.at;
import static dev.trellis.deploy.Repo.str;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import io.strimzi.crdgenerator.annotations.RequiredInVersions;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a rendered object into its typed model and refuses what the model does not know:
 * <ul>
 *   <li>Kubernetes core types: fabric8's model, chosen by apiVersion + kind (an unknown pair reads as a
 *       GenericKubernetesResource, which is refused);</li>
 *   <li>Strimzi (kafka.strimzi.io): Strimzi's own model, only at {@link #STRIMZI_VERSION}, with the fields
 *       that version has ({@code @PresentInVersions}) and needs ({@code @RequiredInVersions});</li>
 *   <li>CloudNativePG (postgresql.cnpg.io, barmancloud.cnpg.io): the checked-in schemas of {@link CrdSchema}.</li>
 * </ul>
 * Both models keep unknown fields in {@code additionalProperties} (fabric8 also puts a value of the
 * wrong type there): every one found anywhere in the object graph is a problem, named by its path.
 */
final class StrictModels {

    static final String STRIMZI_GROUP = "kafka.strimzi.io";
    /** Served by Strimzi 0.49 and later; Strimzi 1.0 serves nothing else. */
    static final String STRIMZI_VERSION = "v1";
    static final Map<String, Class<?>> STRIMZI_KINDS = Map.of(
            "Kafka", Kafka.class,
            "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class,
            "KafkaUser", KafkaUser.class);
    static final Set<String> CNPG_GROUPS = Set.of("postgresql.cnpg.io", "barmancloud.cnpg.io");

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final JsonMapper STRIMZI_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    private StrictModels() {
    }

    /** The problems of one rendered object; empty when its typed model accepts it whole. */
    static List<String> check(Map<String, Object> object) {
        String apiVersion = str(object.get("apiVersion"));
        String kind = str(object.get("kind"));
        String where = kind + "/" + str(at(object, "metadata", "name")) + " (" + apiVersion + ")";
        List<String> problems = new ArrayList<>();
        if (apiVersion == null || kind == null) {
            problems.add(where + ": no apiVersion or kind");
            return problems;
        }
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        try {
            if (STRIMZI_GROUP.equals(group)) {
                strimzi(object, where, kind, version, problems);
            } else if (CNPG_GROUPS.contains(group)) {
                CrdSchema.forKind(apiVersion, kind).ifPresentOrElse(
                        schema -> schema.validate(where, object, problems),
                        () -> problems.add(where + ": no checked-in schema for this CloudNativePG kind"
                                + " (src/test/resources/crd-schemas/)"));
                unknownFields(where + " metadata", KUBERNETES.convertValue(object.get("metadata"), ObjectMeta.class),
                        "metadata", problems, null);
            } else {
                Object typed = KUBERNETES.unmarshal(KUBERNETES.asJson(object));
                if (typed instanceof GenericKubernetesResource || typed == null) {
                    problems.add(where + ": no Kubernetes type " + kind + " in " + apiVersion
                            + " (wrong apiVersion or kind)");
                } else {
                    unknownFields(where, typed, "", problems, null);
                }
            }
        } catch (RuntimeException e) {
            StringBuilder why = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null && !why.toString().contains(t.getMessage())) {
                    why.append(why.isEmpty() ? "" : ": ").append(t.getMessage());
                }
            }
            problems.add(where + ": does not read as its model: " + why);
        }
        return problems;
    }

    private static void strimzi(Map<String, Object> object, String where, String kind, String version,
                                List<String> problems) {
        Class<?> type = STRIMZI_KINDS.get(kind);
        if (type == null) {
            problems.add(where + ": Trellis uses no Strimzi kind " + kind + " (known: " + STRIMZI_KINDS.keySet() + ")");
            return;
        }
        if (!STRIMZI_VERSION.equals(version)) {
            problems.add(where + ": Strimzi resources must be " + STRIMZI_GROUP + "/" + STRIMZI_VERSION
                    + " (Strimzi 1.0 serves only v1; deploy/README.md, \"Operator versions\")");
        }
        Object typed = STRIMZI_JSON.convertValue(object, type);
        unknownFields(where, typed, "", problems, STRIMZI_VERSION);
    }

    /**
     * Walks the typed object's getters (fabric8 and Strimzi classes only) and reports every non-empty
     * additionalProperties; with a Strimzi version, also fields that version does not have or requires.
     */
    static void unknownFields(String where, Object root, String path, List<String> problems, String strimziVersion) {
        walk(where, root, path, problems, strimziVersion, new IdentityHashMap<>(), 0);
    }

    private static void walk(String where, Object node, String path, List<String> problems, String strimziVersion,
                             IdentityHashMap<Object, Boolean> seen, int depth) {
        if (node == null || depth > 40 || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(where, e, path + "[" + i++ + "]", problems, strimziVersion, seen, depth + 1);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(where, v, path + "." + k, problems, strimziVersion, seen, depth + 1));
            return;
        }
        if (!isModel(node.getClass())) {
            return;
        }
        for (Method getter : getters(node.getClass())) {
            String name = jsonName(getter);
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String child = path.isEmpty() ? name : path + "." + name;
            if (name.equals("additionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    for (Object key : extra.keySet()) {
                        problems.add(where + ": unknown field " + (path.isEmpty() ? "" : path + ".") + key
                                + " (or a value of the wrong type)");
                    }
                }
                continue;
            }
            if (strimziVersion != null && node.getClass().getName().startsWith("io.strimzi.")) {
                PresentInVersions present = getter.getAnnotation(PresentInVersions.class);
                if (present != null && value != null && !inRange(strimziVersion, present.value())) {
                    problems.add(where + ": " + child + " is not in " + STRIMZI_GROUP + "/" + strimziVersion
                            + " (only in " + present.value() + ")");
                }
                RequiredInVersions required = getter.getAnnotation(RequiredInVersions.class);
                if (required != null && value == null && inRange(strimziVersion, required.value())) {
                    problems.add(where + ": " + child + " is required in " + STRIMZI_GROUP + "/" + strimziVersion);
                }
            }
            if (value != null && !(value instanceof Enum<?>) && !value.getClass().getName().startsWith("java.lang.")) {
                walk(where, value, child, problems, strimziVersion, seen, depth + 1);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String n = type.getName();
        return n.startsWith("io.fabric8.kubernetes.api.model.") || n.startsWith("io.strimzi.api.");
    }

    private static List<Method> getters(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            String n = m.getName();
            boolean getter = (n.startsWith("get") && n.length() > 3) || (n.startsWith("is") && n.length() > 2);
            if (getter && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                    && m.getReturnType() != void.class && isModel(m.getDeclaringClass())
                    && !Set.of("getKind", "getApiVersion", "getPlural", "getSingular", "getCRDName", "getScope",
                    "getGroup", "getVersion", "getStatus", "getFullResourceName").contains(n)) {
                out.add(m);
            }
        }
        out.sort((a, b) -> a.getName().compareTo(b.getName()));
        return out;
    }

    private static String jsonName(Method getter) {
        JsonProperty p = getter.getAnnotation(JsonProperty.class);
        if (p != null && !p.value().isEmpty()) {
            return p.value();
        }
        String n = getter.getName().startsWith("is") ? getter.getName().substring(2) : getter.getName().substring(3);
        return Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    /** Strimzi's version ranges: "v1beta2", "v1+", "v1alpha1-v1beta2", comma-separated. */
    static boolean inRange(String version, String ranges) {
        int v = order(version);
        for (String range : ranges.split(",")) {
            String r = range.trim();
            if (r.endsWith("+")) {
                if (v >= order(r.substring(0, r.length() - 1))) {
                    return true;
                }
            } else if (r.contains("-")) {
                String[] ends = r.split("-");
                if (v >= order(ends[0]) && v <= order(ends[1])) {
                    return true;
                }
            } else if (v == order(r)) {
                return true;
            }
        }
        return false;
    }

    private static int order(String version) {
        Matcher m = VERSION.matcher(version.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Kubernetes API version: " + version);
        }
        int major = Integer.parseInt(m.group(1)) * 1000;
        if (m.group(2) == null) {
            return major + 900;
        }
        return major + ("alpha".equals(m.group(2)) ? 0 : 400) + Integer.parseInt(m.group(3));
    }
}

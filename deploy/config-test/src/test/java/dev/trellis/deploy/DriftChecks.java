package dev.trellis.deploy;

import static dev.trellis.deploy.Repo.at;
import static dev.trellis.deploy.Repo.list;
import static dev.trellis.deploy.Repo.map;
import static dev.trellis.deploy.Repo.str;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks. Each returns the problems it found, as sentences that say where and what; an empty list
 * means no drift. They work on parsed files, so that the checker's own test can feed them broken ones.
 */
final class DriftChecks {

    private static final Pattern URL = Pattern.compile("https?://[^/\\s\"']+:(\\d+)(/[^\\s\"']*)");
    private static final List<String> PROBES = List.of("started", "live", "ready");

    private DriftChecks() {
    }

    // ------------------------------------------------------------------------------------- environment

    /** Every variable set must be read; every required one must be set. */
    static void environment(ServiceConfig cfg, String where, Set<String> names, List<String> problems) {
        for (String name : names) {
            if (!cfg.reads(name)) {
                problems.add(where + " sets " + name + ", which " + ServiceConfig.module(cfg.name())
                        + " does not read: it is in neither " + ServiceConfig.PLATFORM_CONFIG + " nor "
                        + ServiceConfig.module(cfg.name()) + "/src/main/resources/application.properties (as ${"
                        + name + "} or as the environment form of a property), nor a @ConfigProperty");
            }
        }
        for (String name : cfg.requiredEnv()) {
            if (!names.contains(name)) {
                problems.add(where + " does not set " + name + ", which " + ServiceConfig.module(cfg.name())
                        + " reads with no default that works outside a developer machine "
                        + cfg.envReferences().get(name).stream().map(d -> d == null ? "(none)" : "'" + d + "'").toList());
            }
        }
    }

    // ------------------------------------------------------------------------------------- compose

    /**
     * @param databaseOwners database -> role, as the compose PostgreSQL init script creates them
     */
    static List<String> composeService(ServiceConfig cfg, Compose compose, Map<String, String> databaseOwners) {
        List<String> problems = new ArrayList<>();
        String name = ServiceConfig.module(cfg.name());
        String where = "compose [" + compose.variant() + "] service " + name;
        Map<String, Object> svc = compose.services().get(name);
        if (svc == null) {
            problems.add("compose [" + compose.variant() + "] has no service " + name);
            return problems;
        }
        Map<String, String> env = Compose.environment(svc);
        environment(cfg, where, env.keySet(), problems);
        int port = cfg.httpPort(env);

        // ports: container side = where the service listens; host side = the README's port
        List<Integer[]> ports = Compose.ports(svc);
        if (ports.isEmpty()) {
            problems.add(where + " publishes no port (README: " + cfg.httpPort() + ")");
        }
        for (Integer[] p : ports) {
            if (!Objects.equals(p[1], port)) {
                problems.add(where + " publishes container port " + p[1] + ", but the service listens on " + port
                        + " (quarkus.http.port / QUARKUS_HTTP_PORT)");
            }
            if (p[0] != null && p[0] != cfg.httpPort()) {
                problems.add(where + " publishes host port " + p[0] + ", but its port in the README and in"
                        + " application.properties is " + cfg.httpPort());
            }
        }

        // health check: same port, a SmallRye Health path
        String hc = Compose.healthcheckCommand(svc);
        if (hc == null) {
            problems.add(where + " has no healthcheck (depends_on: service_healthy needs one)");
        } else {
            healthUrls(cfg, where + " healthcheck", hc, port, problems);
        }

        // where the variables point must exist in the same project
        String pgHost = env.get("TRELLIS_PG_HOST");
        Map<String, String> deps = Compose.dependsOn(svc);
        if (pgHost != null) {
            if (!compose.hasHost(pgHost)) {
                problems.add(where + ": TRELLIS_PG_HOST=" + pgHost + " is no service of the project");
            } else if (!"service_healthy".equals(deps.get(pgHost))) {
                problems.add(where + " does not depend on " + pgHost + " with condition service_healthy");
            }
        }
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap != null) {
            for (String hostPort : bootstrap.split(",")) {
                String host = hostPort.trim().replaceFirst(":\\d+$", "");
                if (!compose.hasHost(host)) {
                    problems.add(where + ": KAFKA_BOOTSTRAP_SERVERS names " + host + ", which is no service of the project");
                }
            }
        }
        if (!deps.containsValue("service_completed_successfully")) {
            problems.add(where + " does not wait for the topic creation (depends_on ... service_completed_successfully):"
                    + " the brokers do not create topics");
        }

        // the database and its owner
        String db = env.getOrDefault("TRELLIS_DB_NAME", cfg.databaseName());
        if (!Objects.equals(db, cfg.databaseName())) {
            problems.add(where + ": TRELLIS_DB_NAME=" + db + ", but trellis.db.name is " + cfg.databaseName());
        }
        if (!databaseOwners.containsKey(db)) {
            problems.add(where + " uses database " + db + ", which the PostgreSQL init script does not create "
                    + databaseOwners.keySet());
        } else if (env.containsKey("TRELLIS_PG_USER") && !databaseOwners.get(db).equals(env.get("TRELLIS_PG_USER"))) {
            problems.add(where + ": TRELLIS_PG_USER=" + env.get("TRELLIS_PG_USER") + ", but database " + db
                    + " is owned by role " + databaseOwners.get(db));
        }

        // the key vault: a database the init script creates, reached as its owner, on a host of the project
        ServiceConfig.KeyVault vault = keyVault(cfg, where, env, databaseOwners, "the PostgreSQL init script does not create", problems);
        if (vault != null && !Objects.equals(vault.host(), pgHost)) {
            if (!compose.hasHost(vault.host())) {
                problems.add(where + ": the key vault's host " + vault.host() + " (TRELLIS_KEYS_DB_HOST) is no service of the project");
            } else if (!"service_healthy".equals(deps.get(vault.host()))) {
                problems.add(where + " does not depend on " + vault.host() + " (the key vault's host) with condition service_healthy");
            }
        }

        // files: a variable pointing into /run/secrets/ needs that secret mounted
        Set<String> mounted = Compose.serviceSecrets(svc);
        env.forEach((k, v) -> {
            if (v.startsWith("/run/secrets/")) {
                String secret = v.substring("/run/secrets/".length()).split("/")[0];
                if (!mounted.contains(secret)) {
                    problems.add(where + ": " + k + "=" + v + ", but the service does not mount secret " + secret);
                } else if (!compose.secrets().contains(secret)) {
                    problems.add(where + ": secret " + secret + " is not declared under top-level secrets:");
                }
            }
        });
        return problems;
    }

    // ------------------------------------------------------------------------------------- kubernetes

    /** The Deployment, Service and PodDisruptionBudget of one service in a kustomization (the base). */
    static List<String> deployment(ServiceConfig cfg, Kustomization k) {
        List<String> problems = new ArrayList<>();
        String name = ServiceConfig.module(cfg.name());
        String where = "kubernetes " + k.dir().getFileName() + " Deployment " + name;
        Map<String, Object> dep = k.find("Deployment", name).orElse(null);
        if (dep == null) {
            problems.add("kubernetes " + k.dir().getFileName() + " has no Deployment " + name);
            return problems;
        }
        Map<String, Object> pod = map(at(dep, "spec", "template", "spec"));
        Map<String, Object> container = container(pod, name);
        if (container == null) {
            problems.add(where + " has no container " + name);
            return problems;
        }

        Map<String, String> env = containerEnvironment(k, container, where, problems);
        environment(cfg, where, env.keySet(), problems);
        int port = cfg.httpPort(env);

        // the container port, the probes, the Service and the scrape annotation
        Map<String, Integer> namedPorts = new LinkedHashMap<>();
        List<Integer> containerPorts = new ArrayList<>();
        for (Object p : list(container.get("ports"))) {
            Integer cp = toInt(map(p).get("containerPort"));
            containerPorts.add(cp);
            if (map(p).get("name") != null) {
                namedPorts.put(str(map(p).get("name")), cp);
            }
        }
        if (!containerPorts.contains(port)) {
            problems.add(where + " declares containerPort " + containerPorts + ", but the service listens on " + port);
        }
        for (String kind : PROBES) {
            String probeKey = switch (kind) {
                case "started" -> "startupProbe";
                case "live" -> "livenessProbe";
                default -> "readinessProbe";
            };
            Map<String, Object> http = map(at(container, probeKey, "httpGet"));
            if (http.isEmpty()) {
                problems.add(where + " has no " + probeKey + " (httpGet " + cfg.healthPath(kind) + ")");
                continue;
            }
            if (!cfg.healthPath(kind).equals(str(http.get("path")))) {
                problems.add(where + " " + probeKey + " path is " + http.get("path") + ", SmallRye Health's is "
                        + cfg.healthPath(kind));
            }
            Integer probePort = resolvePort(http.get("port"), namedPorts);
            if (!Objects.equals(probePort, port)) {
                problems.add(where + " " + probeKey + " port " + http.get("port") + " is " + probePort
                        + ", but the service listens on " + port);
            }
        }
        Object scrape = at(dep, "spec", "template", "metadata", "annotations", "prometheus.io/port");
        if (scrape != null && !String.valueOf(port).equals(str(scrape))) {
            problems.add(where + " annotation prometheus.io/port is " + scrape + ", but the service listens on " + port);
        }
        Map<String, Object> service = k.find("Service", name).orElse(null);
        if (service == null) {
            problems.add("kubernetes " + k.dir().getFileName() + " has no Service " + name);
        } else {
            for (Object p : list(at(service, "spec", "ports"))) {
                Map<String, Object> sp = map(p);
                Object target = sp.get("targetPort") != null ? sp.get("targetPort") : sp.get("port");
                if (!Objects.equals(resolvePort(target, namedPorts), port)) {
                    problems.add("Service " + name + " targetPort " + target + " does not reach port " + port);
                }
                if (!Objects.equals(toInt(sp.get("port")), cfg.httpPort())) {
                    problems.add("Service " + name + " port " + sp.get("port") + " differs from the service's port (application.properties, README) "
                            + cfg.httpPort());
                }
            }
            if (!labelsMatch(map(at(service, "spec", "selector")), dep)) {
                problems.add("Service " + name + " selector " + at(service, "spec", "selector")
                        + " does not select the pods of Deployment " + name);
            }
        }
        boolean pdb = k.all("PodDisruptionBudget").stream()
                .anyMatch(b -> labelsMatch(map(at(b, "spec", "selector", "matchLabels")), dep));
        if (!pdb) {
            problems.add("kubernetes " + k.dir().getFileName() + " has no PodDisruptionBudget for the pods of " + name);
        }

        // pod settings that this configuration depends on
        if (!Boolean.FALSE.equals(pod.get("enableServiceLinks"))) {
            problems.add(where + " must set enableServiceLinks: false: Kubernetes would inject <SERVICE>_PORT=tcp://..."
                    + " variables, which MicroProfile Config reads as properties");
        }
        Object nonRoot = at(pod, "securityContext", "runAsNonRoot");
        if (nonRoot == null) {
            nonRoot = at(container, "securityContext", "runAsNonRoot");
        }
        if (!Boolean.TRUE.equals(nonRoot)) {
            problems.add(where + " does not set runAsNonRoot: true");
        }

        // files: a variable holding an absolute path must point into a mounted Secret / ConfigMap key
        env.forEach((key, value) -> {
            if (value != null && value.startsWith("/")) {
                String problem = mountedFile(k, pod, container, value);
                if (problem != null) {
                    problems.add(where + ": " + key + "=" + value + " " + problem);
                }
            }
        });

        // the database: provisioned by CloudNativePG, owned by the role the service logs in as
        String db = env.getOrDefault("TRELLIS_DB_NAME", cfg.databaseName());
        if (!Objects.equals(db, cfg.databaseName())) {
            problems.add(where + ": TRELLIS_DB_NAME=" + db + ", but trellis.db.name is " + cfg.databaseName());
        }
        Map<String, String> owners = cnpgDatabaseOwners(k);
        if (!owners.containsKey(db)) {
            problems.add(where + " uses database " + db + ", which no CloudNativePG Cluster (initdb) or Database creates "
                    + owners.keySet());
        } else {
            String user = env.get("TRELLIS_PG_USER");
            if (user != null && !user.equals(owners.get(db))) {
                problems.add(where + ": logs in as " + user + ", but database " + db + " is owned by " + owners.get(db));
            }
            roleLogin(k, container, where, owners.get(db), "TRELLIS_PG_USER", "TRELLIS_PG_PASSWORD", problems);
        }

        // the key vault: a database CloudNativePG creates, reached as its owner with the password of that role
        ServiceConfig.KeyVault vault = keyVault(cfg, where, env, owners, "no CloudNativePG Cluster (initdb) or Database creates", problems);
        if (vault != null && owners.containsKey(vault.database())) {
            roleLogin(k, container, where, owners.get(vault.database()), "TRELLIS_KEYS_DB_USER", "TRELLIS_KEYS_DB_PASSWORD", problems);
        }
        return problems;
    }

    /** The login variables of a container come from the Secret that CloudNativePG sets the role's password from. */
    private static void roleLogin(Kustomization k, Map<String, Object> container, String where, String role,
                                  String userVar, String passwordVar, List<String> problems) {
        String userSecret = str(at(envEntry(container, userVar), "valueFrom", "secretKeyRef", "name"));
        String passwordSecret = str(at(envEntry(container, passwordVar), "valueFrom", "secretKeyRef", "name"));
        String roleSecret = cnpgRoleSecrets(k).get(role);
        if (passwordSecret == null || !passwordSecret.equals(roleSecret)) {
            problems.add(where + ": " + passwordVar + " comes from Secret " + passwordSecret
                    + ", but CloudNativePG sets role " + role + "'s password from " + roleSecret);
        }
        if (userSecret != null && !userSecret.equals(passwordSecret)) {
            problems.add(where + ": " + userVar + " and " + passwordVar + " come from different Secrets");
        }
        Map<String, String> roleData = roleSecret == null ? null : k.secrets().get(roleSecret);
        if (roleData == null) {
            problems.add("CloudNativePG role " + role + " takes its password from Secret " + roleSecret
                    + ", which the kustomization does not define");
        } else if (roleData.get("username") != null && !role.equals(roleData.get("username"))) {
            problems.add("Secret " + roleSecret + " has username " + roleData.get("username")
                    + ", but CloudNativePG uses it for role " + role);
        }
    }

    // ------------------------------------------------------------------------------------- key vault

    /**
     * The key vault of crypto-shredding (datasource "keys") as the environment {@code env} sets it: a database that
     * {@code creator} names (as "... does not create"), logged in to as its owner, with that role's password (the defaults fall back to the
     * service's own login, which owns no vault). Returns the vault, or null when the service has none.
     */
    static ServiceConfig.KeyVault keyVault(ServiceConfig cfg, String where, Map<String, String> env,
                                           Map<String, String> owners, String creator, List<String> problems) {
        ServiceConfig.KeyVault vault = cfg.keyVault(env);
        if (vault == null) {
            return null;
        }
        String owner = owners.get(vault.database());
        if (owner == null) {
            problems.add(where + " uses key vault database " + vault.database() + " (TRELLIS_KEYS_DB_NAME), which "
                    + creator + " " + owners.keySet());
            return vault;
        }
        if (!owner.equals(vault.user())) {
            problems.add(where + " logs in to the key vault " + vault.database() + " as " + vault.user()
                    + ", but it is owned by role " + owner + " (TRELLIS_KEYS_DB_USER)");
        }
        if (!vault.passwordSet()) {
            problems.add(where + " does not set TRELLIS_KEYS_DB_PASSWORD, the password of the key vault's role " + owner
                    + " (the default is the service's own password)");
        }
        return vault;
    }

    /**
     * One key vault for the suite: a key erased by profile-service must be gone for every service, so all of them
     * read the same database on the same host.
     *
     * @param vaults service -> its key vault (null: the service has none)
     */
    static List<String> oneKeyVault(String where, Map<String, ServiceConfig.KeyVault> vaults) {
        Map<String, List<String>> byVault = new java.util.TreeMap<>();
        vaults.forEach((service, v) -> {
            if (v != null) {
                byVault.computeIfAbsent(v.host() + "/" + v.database(), x -> new ArrayList<>()).add(service);
            }
        });
        return byVault.size() <= 1 ? List.of()
                : List.of(where + ": the services use different key vaults " + byVault
                        + "; an erased key must be gone for all of them (one database, the same for every service)");
    }

    /**
     * A container's environment: its env entries and envFrom ConfigMaps / Secrets, with the values of the
     * kustomization's generated ones; a reference to a key that it does not define is a problem.
     */
    static Map<String, String> containerEnvironment(Kustomization k, Map<String, Object> container, String where,
                                                    List<String> problems) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object from : list(container.get("envFrom"))) {
            Map<String, Object> f = map(from);
            String prefix = str(f.get("prefix")) == null ? "" : str(f.get("prefix"));
            String cm = str(at(f, "configMapRef", "name"));
            String secret = str(at(f, "secretRef", "name"));
            Map<String, String> data = cm != null ? k.configMaps().get(cm) : secret != null ? k.secrets().get(secret) : null;
            if (data == null) {
                problems.add(where + " takes its environment from " + (cm != null ? "ConfigMap " + cm : "Secret " + secret)
                        + ", which the kustomization does not define");
                continue;
            }
            data.forEach((key, v) -> env.put(prefix + key, v));
        }
        for (Object e : list(container.get("env"))) {
            Map<String, Object> entry = map(e);
            String key = str(entry.get("name"));
            env.put(key, str(entry.get("value")));
            keyRef(where, key, "Secret", map(at(entry, "valueFrom", "secretKeyRef")), k.secrets(), env, problems);
            keyRef(where, key, "ConfigMap", map(at(entry, "valueFrom", "configMapKeyRef")), k.configMaps(), env, problems);
        }
        return env;
    }

    /** An env entry's value from a key of a Secret or ConfigMap of the kustomization (ref empty: none). */
    private static void keyRef(String where, String key, String kind, Map<String, Object> ref,
                               Map<String, Map<String, String>> defined, Map<String, String> env, List<String> problems) {
        if (ref.isEmpty()) {
            return;
        }
        Map<String, String> data = defined.get(str(ref.get("name")));
        if (data == null || !data.containsKey(str(ref.get("key")))) {
            problems.add(where + ": " + key + " comes from " + kind + " " + ref.get("name") + " key "
                    + ref.get("key") + ", which the kustomization does not define");
        } else {
            env.put(key, data.get(str(ref.get("key"))));
        }
    }

    /** The environment of the service's container in its Deployment of the kustomization (empty when there is none). */
    static Map<String, String> deploymentEnvironment(Kustomization k, String module) {
        Map<String, Object> dep = k.find("Deployment", module).orElse(null);
        Map<String, Object> container = dep == null ? null : container(map(at(dep, "spec", "template", "spec")), module);
        return container == null ? Map.of() : containerEnvironment(k, container, module, new ArrayList<>());
    }

    /** A Deployment of an overlay's strategic-merge patch: what it adds must still fit the service. */
    static List<String> deploymentPatch(ServiceConfig cfg, String where, Map<String, Object> patch) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> container = container(map(at(patch, "spec", "template", "spec")), ServiceConfig.module(cfg.name()));
        if (container == null) {
            return problems;
        }
        Set<String> names = new TreeSet<>();
        list(container.get("env")).forEach(e -> names.add(str(map(e).get("name"))));
        for (String n : names) {
            if (!cfg.reads(n)) {
                problems.add(where + " sets " + n + ", which " + ServiceConfig.module(cfg.name()) + " does not read");
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        list(container.get("env")).forEach(e -> env.put(str(map(e).get("name")), str(map(e).get("value"))));
        int port = cfg.httpPort(env);
        for (Object p : list(container.get("ports"))) {
            Integer cp = toInt(map(p).get("containerPort"));
            if (!Objects.equals(cp, port)) {
                problems.add(where + " sets containerPort " + cp + ", but the service listens on " + port);
            }
        }
        for (String probeKey : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Object probePort = at(container, probeKey, "httpGet", "port");
            if (probePort instanceof Integer i && i != port) {
                problems.add(where + " " + probeKey + " port " + i + ", but the service listens on " + port);
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------- images

    static List<String> dockerfile(ServiceConfig cfg, String where, String text) {
        List<String> problems = new ArrayList<>();
        int port = cfg.httpPort();
        Matcher expose = Pattern.compile("(?m)^EXPOSE\\s+(.+)$").matcher(text);
        Set<String> exposed = new TreeSet<>();
        while (expose.find()) {
            for (String p : expose.group(1).trim().split("\\s+")) {
                exposed.add(p.replaceFirst("/tcp$", ""));
            }
        }
        if (!exposed.contains(String.valueOf(port))) {
            problems.add(where + " EXPOSEs " + exposed + ", but quarkus.http.port is " + port);
        }
        Matcher hc = Pattern.compile("(?ms)^HEALTHCHECK.*?CMD(.*?)(?<!\\\\)$").matcher(text);
        if (!hc.find()) {
            problems.add(where + " has no HEALTHCHECK");
        } else {
            String cmd = hc.group(1);
            Matcher url = Pattern.compile("(?:\\$\\{QUARKUS_HTTP_PORT:-(\\d+)\\}|:(\\d+))(/[^\\s\"']*)").matcher(cmd);
            if (!url.find()) {
                problems.add(where + " HEALTHCHECK calls no http://...:<port>/ URL");
            } else {
                String p = url.group(1) != null ? url.group(1) : url.group(2);
                if (!String.valueOf(port).equals(p)) {
                    problems.add(where + " HEALTHCHECK uses port " + p + ", but quarkus.http.port is " + port);
                }
                if (!cfg.healthPath("ready").equals(url.group(3)) && !cfg.healthPath("live").equals(url.group(3))) {
                    problems.add(where + " HEALTHCHECK path " + url.group(3) + " is not " + cfg.healthPath("ready"));
                }
            }
        }
        if (!text.contains("target/quarkus-app/")) {
            problems.add(where + " does not copy the fast-jar (target/quarkus-app)");
        }
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(text);
        String last = null;
        while (user.find()) {
            last = user.group(1);
        }
        if (last == null || last.equals("root") || last.equals("0") || last.startsWith("0:")) {
            problems.add(where + " runs as root (last USER: " + last + ")");
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------- topics

    static List<String> topicSet(String where, Set<String> actual, Set<String> expected) {
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> unknown = new TreeSet<>(actual);
        unknown.removeAll(expected);
        if (!missing.isEmpty()) {
            problems.add(where + " lacks topic(s) " + missing + " (the brokers do not create topics)");
        }
        if (!unknown.isEmpty()) {
            problems.add(where + " creates topic(s) " + unknown + " that no service, the events module or"
                    + " deploy/local/trellis knows");
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------- helpers

    static void healthUrls(ServiceConfig cfg, String where, String command, int port, List<String> problems) {
        Matcher m = URL.matcher(command);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (Integer.parseInt(m.group(1)) != port) {
                problems.add(where + " calls port " + m.group(1) + ", but the service listens on " + port);
            }
            String path = m.group(2);
            if (PROBES.stream().noneMatch(kind -> cfg.healthPath(kind).equals(path))) {
                problems.add(where + " calls " + path + ", which is no SmallRye Health path (" + cfg.healthPath("ready") + ")");
            }
        }
        if (!any) {
            problems.add(where + " calls no http://host:port/path URL: " + command);
        }
    }

    private static Map<String, Object> container(Map<String, Object> pod, String name) {
        List<Object> containers = list(pod.get("containers"));
        for (Object c : containers) {
            if (name.equals(str(map(c).get("name")))) {
                return map(c);
            }
        }
        return containers.size() == 1 ? map(containers.get(0)) : null;
    }

    private static Map<String, Object> envEntry(Map<String, Object> container, String name) {
        for (Object e : list(container.get("env"))) {
            if (name.equals(str(map(e).get("name")))) {
                return map(e);
            }
        }
        return Map.of();
    }

    private static Integer resolvePort(Object port, Map<String, Integer> named) {
        if (port instanceof Integer i) {
            return i;
        }
        String s = str(port);
        if (s == null) {
            return null;
        }
        return s.matches("\\d+") ? Integer.valueOf(s) : named.get(s);
    }

    private static Integer toInt(Object o) {
        String s = str(o);
        return s != null && s.matches("\\d+") ? Integer.valueOf(s) : null;
    }

    private static boolean labelsMatch(Map<String, Object> selector, Map<String, Object> deployment) {
        Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));
        return !selector.isEmpty() && selector.entrySet().stream()
                .allMatch(e -> Objects.equals(str(e.getValue()), str(podLabels.get(e.getKey()))));
    }

    /** null when the path is a key of a Secret or ConfigMap mounted at its directory; else the problem. */
    private static String mountedFile(Kustomization k, Map<String, Object> pod, Map<String, Object> container, String path) {
        for (Object m : list(container.get("volumeMounts"))) {
            String mountPath = str(map(m).get("mountPath")).replaceFirst("/+$", "");
            if (!path.startsWith(mountPath + "/")) {
                continue;
            }
            String file = path.substring(mountPath.length() + 1);
            for (Object v : list(pod.get("volumes"))) {
                Map<String, Object> vol = map(v);
                if (!Objects.equals(vol.get("name"), map(m).get("name"))) {
                    continue;
                }
                String secret = str(at(vol, "secret", "secretName"));
                String cm = str(at(vol, "configMap", "name"));
                Map<String, String> data = secret != null ? k.secrets().get(secret) : cm != null ? k.configMaps().get(cm) : null;
                if (data == null) {
                    return "is on volume " + vol.get("name") + ", which is no Secret or ConfigMap of the kustomization";
                }
                return data.containsKey(file) ? null
                        : "is not a key of " + (secret != null ? "Secret " + secret : "ConfigMap " + cm) + " " + data.keySet();
            }
            return "is on mount " + mountPath + ", whose volume is not declared";
        }
        return "is on no volumeMount of the container";
    }

    /** database -> owner, from CloudNativePG Clusters (bootstrap.initdb) and Database resources. */
    static Map<String, String> cnpgDatabaseOwners(Kustomization k) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Map<String, Object> c : k.all("Cluster")) {
            Object db = at(c, "spec", "bootstrap", "initdb", "database");
            if (db != null) {
                owners.put(str(db), str(at(c, "spec", "bootstrap", "initdb", "owner")));
            }
        }
        for (Map<String, Object> d : k.all("Database")) {
            owners.put(str(at(d, "spec", "name")), str(at(d, "spec", "owner")));
        }
        return owners;
    }

    /** role -> the Secret its password comes from (initdb owner, managed roles). */
    static Map<String, String> cnpgRoleSecrets(Kustomization k) {
        Map<String, String> roles = new LinkedHashMap<>();
        for (Map<String, Object> c : k.all("Cluster")) {
            Object owner = at(c, "spec", "bootstrap", "initdb", "owner");
            if (owner != null) {
                roles.put(str(owner), str(at(c, "spec", "bootstrap", "initdb", "secret", "name")));
            }
            for (Object r : list(at(c, "spec", "managed", "roles"))) {
                roles.put(str(map(r).get("name")), str(at(r, "passwordSecret", "name")));
            }
        }
        return roles;
    }
}

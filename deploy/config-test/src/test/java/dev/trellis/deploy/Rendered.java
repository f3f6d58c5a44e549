package dev.trellis.deploy;

import static dev.trellis.deploy.Repo.list;
import static dev.trellis.deploy.Repo.map;
import static dev.trellis.deploy.Repo.str;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The objects an overlay renders to, as `kubectl kustomize` builds them (the kubectl .ci/run installs:
 * $KUBECTL, else /usr/bin/kubectl, else kubectl on the PATH). The tree is rendered from a copy of
 * deploy/kubernetes in which every secret file the generators read exists (placeholder values where the
 * repository has none), so that the test needs neither deploy/generate-secrets.sh nor real secrets.
 */
record Rendered(String overlay, List<Map<String, Object>> objects) {

    static final Path KUBERNETES = Repo.root().resolve("deploy/kubernetes");

    /** The overlays: every directory of deploy/kubernetes/overlays with a kustomization.yaml. */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(KUBERNETES.resolve("overlays"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rendered render(String overlay) {
        Path copy = copyWithSecrets();
        String yaml = kustomize(copy.resolve("overlays").resolve(overlay));
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : Repo.yamlDocuments(yaml)) {
            objects.add(map(doc));
        }
        if (objects.isEmpty()) {
            throw new AssertionError("kubectl kustomize overlays/" + overlay + " rendered no object");
        }
        return new Rendered(overlay, objects);
    }

    /** The kubectl .ci/run uses; a clear failure when there is none. */
    static String kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (Files.isExecutable(Path.of("/usr/bin/kubectl"))) {
            return "/usr/bin/kubectl";
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl").toString();
            }
        }
        throw new AssertionError("no kubectl: the Kubernetes manifests cannot be rendered. .ci/run installs one"
                + " (apt-get install kubernetes-client); or set KUBECTL=/path/to/kubectl");
    }

    private static String kustomize(Path dir) {
        String kubectl = kubectl();
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                    .redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(kubectl + " kustomize " + dir + " did not finish in 120 s");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new AssertionError(kubectl + " kustomize " + dir + " failed (exit " + p.exitValue() + "):\n" + stderr);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** deploy/kubernetes copied to a temporary directory, with a placeholder for every missing secret file. */
    private static Path copyWithSecrets() {
        try {
            Path target = Files.createTempDirectory("trellis-kubernetes");
            try (Stream<Path> files = Files.walk(KUBERNETES)) {
                for (Path f : files.toList()) {
                    Path to = target.resolve(KUBERNETES.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
            try (Stream<Path> ks = Files.walk(target)) {
                for (Path k : ks.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList()) {
                    for (Object g : list(Repo.yamlMap(k).get("secretGenerator"))) {
                        for (Object f : list(map(g).get("files"))) {
                            String entry = str(f);
                            Path file = k.getParent().resolve(entry.substring(entry.indexOf('=') + 1));
                            if (!Files.exists(file)) {
                                Files.createDirectories(file.getParent());
                                Files.writeString(file, "placeholder-" + file.getFileName());
                            }
                        }
                    }
                }
            }
            target.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

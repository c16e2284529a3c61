package io.dataplane.operator.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A real local control plane (etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler; KWOK fake nodes on request) for integration tests, built
 * from Go modules by {@code scripts/tools.sh} and run by
 * {@code scripts/controlplane.sh}, which this class calls so tests and
 * {@code make run} start it with exactly the same flags.
 *
 * <p>One per JVM: {@link ControlPlaneExtension} keeps it in the root
 * extension-context store, which closes it after the last test. The script is
 * given this JVM's pid, so the servers also stop if the JVM is killed.
 */
public final class ControlPlane implements AutoCloseable {

    /** Binaries the control plane needs in {@code <tools dir>/bin}. */
    static final List<String> REQUIRED_TOOLS =
            List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl", "kwok");

    private final Path repoRoot;
    private final Path dir;
    private final KubernetesClient client;

    private ControlPlane(Path repoRoot, Path dir) {
        this.repoRoot = repoRoot;
        this.dir = dir;
        this.client = new KubernetesClientBuilder().withConfig(adminConfig()).build();
    }

    /**
     * Starts a control plane with its files in {@code dir} (certificates,
     * etcd data, logs, audit log, kubeconfig). Blocks until /readyz is ok.
     */
    public static ControlPlane start(Path repoRoot, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        // With kube-scheduler, so DaemonSet pods on KWOK nodes get bound
        // (costs about half a second at start and nothing when idle).
        script(repoRoot, dir.resolve("controlplane-start.log"), Duration.ofMinutes(3),
                "start", dir.toString(), "--with-scheduler",
                "--watch-pid", Long.toString(ProcessHandle.current().pid()));
        System.out.printf("[controlplane] started in %d ms; files in %s (logs/, audit.log)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), dir);
        return new ControlPlane(repoRoot, dir);
    }

    /** Client authenticated as {@code admin} (group {@code system:masters}). */
    public KubernetesClient client() {
        return client;
    }

    /** A new client with the admin config; the caller closes it. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(adminConfig()).build();
    }

    /** Admin kubeconfig (CA data inlined), usable by kubectl and the operator. */
    public Path kubeconfig() {
        return dir.resolve("kubeconfig");
    }

    /** JSON-lines audit log: Metadata level for every request, see {@link AuditLog}. */
    public Path auditLogPath() {
        return dir.resolve("audit.log");
    }

    public AuditLog auditLog() {
        return new AuditLog(auditLogPath());
    }

    /** PEM CA certificate the apiserver's serving certificate chains to. */
    public Path caCertificate() {
        return dir.resolve("pki/ca.crt");
    }

    /**
     * Writes a kubeconfig for a bearer {@code token} (e.g. a ServiceAccount
     * token) with this control plane's server and CA, as {@code dir()/fileName}.
     */
    public Path writeKubeconfig(String fileName, String user, String token) {
        try {
            String ca = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(caCertificate()));
            String yaml = """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: local
                      cluster: {server: "%s", certificate-authority-data: "%s"}
                    users:
                    - name: "%s"
                      user: {token: "%s"}
                    contexts:
                    - name: local
                      context: {cluster: local, user: "%s"}
                    current-context: local
                    """.formatted(client.getConfiguration().getMasterUrl(), ca, user, token, user);
            Path file = dir.resolve(fileName);
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs KWOK on this control plane (once) and ensures {@code nodes} fake
     * Ready nodes {@code worker-0..worker-(nodes-1)} exist, labelled
     * {@code node-role.kubernetes.io/worker}, {@code kubernetes.io/hostname}
     * and {@code feature.node.kubernetes.io/network-sriov.capable=true}.
     * Their pods go Running at once and are removed at once on deletion.
     */
    public List<String> startKwok(int nodes) {
        List<String> cmd = List.of("bash", repoRoot.resolve("scripts/kwok.sh").toString(), "start", dir.toString(),
                Integer.toString(nodes));
        run(cmd, dir.resolve("kwok-start.log"), Duration.ofMinutes(2));
        return java.util.stream.IntStream.range(0, nodes).mapToObj(i -> "worker-" + i).toList();
    }

    /** Folder holding this control plane's files. */
    public Path dir() {
        return dir;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    /**
     * Applies (server-side) every {@code *.yml}/{@code *.yaml} in {@code crdDir}
     * plus the NetworkAttachmentDefinition CRD of the test resources, and waits
     * until all of them are Established. Idempotent: safe once per test class.
     */
    public List<CustomResourceDefinition> installCrds(Path crdDir) {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        try (Stream<Path> files = Files.list(crdDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted(Comparator.naturalOrder()).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    crds.addAll(crdsIn(in, f.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRDs from " + crdDir, e);
        }
        try (InputStream in = ControlPlane.class.getResourceAsStream("/crds/network-attachment-definition.yaml")) {
            if (in == null) {
                throw new IllegalStateException("missing test resource crds/network-attachment-definition.yaml");
            }
            crds.addAll(crdsIn(in, "crds/network-attachment-definition.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (CustomResourceDefinition crd : crds) {
            crd.getMetadata().setResourceVersion(null);
            client.resource(crd).fieldManager("testbed").forceConflicts().serverSideApply();
        }
        for (CustomResourceDefinition crd : crds) {
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(ControlPlane::established, 60, TimeUnit.SECONDS);
        }
        return crds;
    }

    /** Installs the CRDs of the repository's {@code crds/} folder (see {@link #installCrds(Path)}). */
    public List<CustomResourceDefinition> installCrds() {
        return installCrds(repoRoot.resolve("crds"));
    }

    private List<CustomResourceDefinition> crdsIn(InputStream in, String what) {
        List<CustomResourceDefinition> out = new ArrayList<>();
        for (HasMetadata item : client.load(in).items()) {
            if (!(item instanceof CustomResourceDefinition crd)) {
                throw new IllegalArgumentException(what + " holds a " + item.getKind() + ", not a CustomResourceDefinition");
            }
            out.add(crd);
        }
        return out;
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private Config adminConfig() {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig(), StandardCharsets.UTF_8));
            // Tests fail fast rather than hang on a dead control plane.
            config.setRequestTimeout(30_000);
            config.setConnectionTimeout(10_000);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kubeconfig(), e);
        }
    }

    /** Stops the servers; files stay for post-mortem (only etcd data is removed). */
    @Override
    public void close() {
        client.close();
        script(repoRoot, dir.resolve("controlplane-stop.log"), Duration.ofMinutes(1), "stop", dir.toString());
        deleteRecursively(dir.resolve("etcd"));
    }

    /** Runs scripts/controlplane.sh ARGS, output to {@code log}; fails with its tail. */
    static void script(Path repoRoot, Path log, Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(repoRoot.resolve("scripts/controlplane.sh").toString());
        cmd.addAll(List.of(args));
        run(cmd, log, timeout);
    }

    private static void run(List<String> cmd, Path log, Duration timeout) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " timed out after " + timeout + "; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n"
                        + tail(log, 30));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftover etcd data in target/ is harmless.
        }
    }
}

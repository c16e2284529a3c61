package io.dataplane.operator.testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * JUnit 5 extension giving integration tests a real control plane:
 * parameters of type {@link ControlPlane}, {@link TestNamespace} (a fresh
 * namespace per test class) and {@link KubernetesClient} (admin) are resolved
 * in constructors, {@code @BeforeAll}/{@code @BeforeEach} methods and tests.
 *
 * <p>The control plane is started once per JVM and kept in the root store
 * (closed, i.e. stopped, after all tests); nothing is held in static fields.
 * If the tools are not built the test fails with a message to run
 * {@code make tools}: integration tests are never skipped silently.
 *
 * <p>System properties / env: {@code dataplane.controlplane.dir} (files of
 * the control plane; default {@code target/controlplane-<pid>}),
 * {@code DATAPLANE_TOOLS_DIR} (default {@code ~/.cache/dataplane-operator/tools}).
 */
public final class ControlPlaneExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ControlPlaneExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        namespace(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ControlPlane.class || type == TestNamespace.class || type == KubernetesClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == TestNamespace.class) {
            return namespace(context);
        }
        ControlPlane cp = controlPlane(context);
        return type == ControlPlane.class ? cp : cp.client();
    }

    /** The JVM-wide control plane, started on first use. */
    public static ControlPlane controlPlane(ExtensionContext context) {
        return context.getRoot().getStore(NS).computeIfAbsent(ControlPlane.class, k -> {
            Path repo = repoRoot();
            checkTools(repo);
            return ControlPlane.start(repo, controlPlaneDir(repo));
        }, ControlPlane.class);
    }

    /** The namespace of the current test class, created on first use. */
    public static TestNamespace namespace(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        ControlPlane cp = controlPlane(context);
        return classContext.getStore(NS).computeIfAbsent(TestNamespace.class,
                k -> TestNamespace.create(cp.client(), testClass), TestNamespace.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    static Path toolsDir() {
        String env = System.getenv("DATAPLANE_TOOLS_DIR");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "dataplane-operator", "tools");
    }

    private static void checkTools(Path repo) {
        Path bin = toolsDir().resolve("bin");
        List<String> missing = ControlPlane.REQUIRED_TOOLS.stream()
                .filter(t -> !Files.isExecutable(bin.resolve(t))).toList();
        if (!missing.isEmpty()) {
            throw new ExtensionConfigurationException("Integration-test tools are not built: missing " + missing
                    + " in " + bin + ". Run `make tools` (scripts/tools.sh in " + repo
                    + ") once; it builds etcd and Kubernetes from Go modules into " + toolsDir()
                    + " (10-25 min cold on 2 cores, under a second when cached).");
        }
    }

    private static Path repoRoot() {
        String prop = System.getProperty("dataplane.repo.root");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/controlplane.sh"))) {
                return p;
            }
        }
        throw new ExtensionConfigurationException("cannot find scripts/controlplane.sh above "
                + Path.of("").toAbsolutePath() + "; set -Ddataplane.repo.root");
    }

    private static Path controlPlaneDir(Path repo) {
        String prop = System.getProperty("dataplane.controlplane.dir");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath();
        }
        return repo.resolve("target").resolve("controlplane-" + ProcessHandle.current().pid());
    }
}

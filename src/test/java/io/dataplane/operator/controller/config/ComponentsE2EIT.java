package io.dataplane.operator.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.api.v1alpha1.ComponentStatus;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.e2e.OperatorProcess;
import io.dataplane.operator.e2e.ServiceAccountIdentity;
import io.dataplane.operator.render.components.Component;
import io.dataplane.operator.testbed.AuditLog;
import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testbed.WithControlPlane;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged operator (prod profile: server-side apply) under its own ServiceAccount's RBAC, on a real
 * API server with kube-controller-manager (DaemonSet controller, garbage collector), kube-scheduler and
 * KWOK nodes whose pods go Running: the components roll out for real, status follows, toggles delete,
 * an image change rolls node by node, and a converged cluster sees no write. The nodes may have been
 * started by an earlier test of the JVM (same names, maybe more of them): every component must run on
 * every node there is.
 */
@WithControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComponentsE2EIT {
    static final String OPERATOR_NS = "dataplane-operator";
    static final String OPERATOR_SA = "dataplane-operator";
    static final int NODES = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private OperatorProcess operator;
    private Path kubeconfig;
    /** Nodes in the cluster (all fake): where every component must run. */
    private int nodes;

    @BeforeAll
    void start(ControlPlane cp, KubernetesClient client) {
        cp.installCrds();
        cp.startKwok(NODES);
        nodes = client.nodes().list().getItems().size();
        // Another test's operator may have left a config: start from the one this operator creates.
        client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).delete();
        await().atMost(TIMEOUT).until(() -> config(client) == null);
        kubeconfig = ServiceAccountIdentity.create(cp, OPERATOR_NS, OPERATOR_SA, Path.of("deploy/rbac/operator-clusterrole.yaml"));
        // The agent's ServiceAccount and RBAC are part of the install, as in deploy/dataplane-operator.yaml.
        ServiceAccountIdentity.create(cp, OPERATOR_NS, Component.AGENT.objectName(), Path.of("deploy/rbac/agent-clusterrole.yaml"));
        operator = startOperator(cp);
    }

    @AfterAll
    void stop(KubernetesClient client) {
        if (operator != null) {
            operator.close();
        }
        // Leave no rollout behind for later tests: the garbage collector removes every component. (The
        // KWOK nodes stay: other tests of this JVM use the same worker-N nodes.)
        client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).delete();
    }

    @Test
    @Order(1)
    void everyComponentBecomesAvailableOnEveryNode(KubernetesClient client) {
        NfvOperatorConfig ready = awaitConfig(client, c -> {
            assertThat(Conditions.isTrue(c.getStatus().getConditions(), Conditions.READY))
                    .as("Ready: %s", c.getStatus().getConditions()).isTrue();
            assertThat(c.getStatus().getComponents()).hasSize(4).allSatisfy(s -> {
                assertThat(s.getDesiredNodes()).as(s.getName()).isEqualTo(nodes);
                assertThat(s.getReadyNodes()).as(s.getName()).isEqualTo(nodes);
                assertThat(s.getUpdatedNodes()).as(s.getName()).isEqualTo(nodes);
                assertThat(Conditions.isTrue(s.getConditions(), Conditions.AVAILABLE)).as(s.getName()).isTrue();
                assertThat(Conditions.isTrue(s.getConditions(), Conditions.PROGRESSING)).as(s.getName()).isFalse();
            });
        });
        assertThat(ready.getSpec().getMultus().getEnabled()).as("created by the operator at start").isTrue();
        assertThat(component(ready, Component.MULTUS).getImage()).isEqualTo("ghcr.io/k8snetworkplumbingwg/multus-cni:v4.2.2-thick");

        for (Component c : Component.values()) {
            DaemonSet ds = client.apps().daemonSets().inNamespace(OPERATOR_NS).withName(c.objectName()).get();
            assertThat(ds.getMetadata().getManagedFields()).as("%s written by server-side apply", c.objectName())
                    .anySatisfy(f -> {
                        assertThat(f.getManager()).isEqualTo("dataplane-operator");
                        assertThat(f.getOperation()).isEqualTo("Apply");
                    });
            assertThat(pods(client, c)).as("pods of %s", c.objectName()).hasSize(nodes)
                    .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
        }
        assertThat(client.rbac().clusterRoles().withName("dataplane-multus").get().getMetadata().getOwnerReferences())
                .singleElement().satisfies(o -> assertThat(o.getUid()).isEqualTo(ready.getMetadata().getUid()));
        assertThat(client.rbac().clusterRoleBindings().withName("dataplane-multus").get()).isNotNull();
    }

    @Test
    @Order(2)
    void noWritesOnceConverged(ControlPlane cp) throws InterruptedException {
        Thread.sleep(3000); // let the last status patch land in the audit log
        AuditLog audit = cp.auditLog();
        long mark = audit.mark();
        Thread.sleep(30_000);
        String user = ServiceAccountIdentity.username(OPERATOR_NS, OPERATOR_SA);
        List<AuditLog.Event> writes = audit.since(mark).stream().filter(e -> e.isWriteBy(user)).toList();
        System.out.printf("[e2e] operator writes in 30 s after the components converged: %d%n", writes.size());
        assertThat(writes).as("writes by %s after convergence", user).isEmpty();
    }

    @Test
    @Order(3)
    void switchingAComponentOffDeletesItsObjectsAndOnBringsThemBack(KubernetesClient client) {
        editSpec(client, s -> s.getDevicePlugin().setEnabled(false));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.apps().daemonSets().inNamespace(OPERATOR_NS).withName("dataplane-device-plugin").get()).isNull();
            assertThat(client.serviceAccounts().inNamespace(OPERATOR_NS).withName("dataplane-device-plugin").get()).isNull();
            assertThat(client.configMaps().inNamespace(OPERATOR_NS).withName("dataplane-device-plugin-entrypoint").get()).isNull();
            assertThat(pods(client, Component.DEVICE_PLUGIN)).as("pods removed by the garbage collector").isEmpty();
        });
        NfvOperatorConfig off = awaitConfig(client, c -> {
            assertThat(component(c, Component.DEVICE_PLUGIN).getEnabled()).isFalse();
            assertThat(Conditions.isTrue(c.getStatus().getConditions(), Conditions.READY)).isTrue();
        });
        assertThat(off.getStatus().getConditions()).noneMatch(c -> c.getType().equals("DevicePluginReady"));
        assertThat(pods(client, Component.MULTUS)).as("other components untouched").hasSize(nodes);

        editSpec(client, s -> s.getDevicePlugin().setEnabled(true));
        awaitConfig(client, c -> {
            ComponentStatus dp = component(c, Component.DEVICE_PLUGIN);
            assertThat(dp.getEnabled()).isTrue();
            assertThat(dp.getReadyNodes()).isEqualTo(nodes);
            assertThat(Conditions.isTrue(c.getStatus().getConditions(), Conditions.READY)).isTrue();
        });
    }

    @Test
    @Order(4)
    void anImageChangeRollsOutNodeByNodeAndStatusShowsIt(KubernetesClient client) {
        String image = "registry.example/multus-cni:v4.3.0-thick";
        List<ComponentStatus> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME)
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, NfvOperatorConfig c) {
                        if (c.getStatus() != null) {
                            seen.add(component(c, Component.MULTUS));
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // the test closes it
                    }
                })) {
            editSpec(client, s -> s.getMultus().setImage(image));

            NfvOperatorConfig done = awaitConfig(client, c -> {
                ComponentStatus multus = component(c, Component.MULTUS);
                assertThat(multus.getImage()).isEqualTo(image);
                assertThat(multus.getUpdatedNodes()).isEqualTo(nodes);
                assertThat(multus.getReadyNodes()).isEqualTo(nodes);
                assertThat(Conditions.isTrue(multus.getConditions(), Conditions.PROGRESSING)).isFalse();
                assertThat(Conditions.isTrue(c.getStatus().getConditions(), Conditions.READY)).isTrue();
            });
            assertThat(done.getStatus().getObservedGeneration()).isEqualTo(done.getMetadata().getGeneration());
        }
        assertThat(pods(client, Component.MULTUS)).hasSize(nodes).allSatisfy(p -> {
            assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo(image);
            assertThat(p.getSpec().getInitContainers().get(0).getImage()).isEqualTo(image);
        });
        // The rollout was visible while it went on: Progressing with fewer than all nodes updated.
        assertThat(seen).as("status of multus during the rollout: %s", seen).anySatisfy(s -> {
            assertThat(s.getImage()).isEqualTo(image);
            assertThat(Conditions.isTrue(s.getConditions(), Conditions.PROGRESSING)).isTrue();
        });
        System.out.printf("[e2e] multus rollout as seen in status: %s%n", seen.stream()
                .map(s -> s.getUpdatedNodes() + "/" + s.getDesiredNodes() + " "
                        + Conditions.find(s.getConditions(), Conditions.PROGRESSING).map(c -> c.getReason()).orElse("-"))
                .toList());
    }

    /** The components are owned by the config: the garbage collector removes them with it. */
    @Test
    @Order(5)
    void deletingTheConfigRemovesEveryComponentAndTheNextStartCreatesItAgain(ControlPlane cp, KubernetesClient client) {
        client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).delete();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.apps().daemonSets().inNamespace(OPERATOR_NS)
                    .withLabel("app.kubernetes.io/part-of", "dataplane-operator").list().getItems()).isEmpty();
            assertThat(client.rbac().clusterRoles().withLabel("app.kubernetes.io/part-of", "dataplane-operator").list()
                    .getItems()).isEmpty();
        });

        operator.close();
        operator = startOperator(cp);

        awaitConfig(client, c -> assertThat(Conditions.isTrue(c.getStatus().getConditions(), Conditions.READY)).isTrue());
        assertThat(operator.isAlive()).isTrue();
    }

    private OperatorProcess startOperator(ControlPlane cp) {
        return OperatorProcess.start(cp, kubeconfig, "operator-components-e2e", Map.of("OPERATOR_NAMESPACE", OPERATOR_NS));
    }

    private static void editSpec(KubernetesClient client, Consumer<io.dataplane.operator.api.v1alpha1.NfvOperatorConfigSpec> change) {
        await().atMost(TIMEOUT).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).edit(c -> {
                    change.accept(c.getSpec());
                    return c;
                }) != null);
    }

    private static NfvOperatorConfig awaitConfig(KubernetesClient client, Consumer<NfvOperatorConfig> assertion) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            NfvOperatorConfig c = config(client);
            assertThat(c).as("NfvOperatorConfig default").isNotNull();
            assertThat(c.getStatus()).as("status").isNotNull();
            assertion.accept(c);
        });
        return config(client);
    }

    private static NfvOperatorConfig config(KubernetesClient client) {
        return client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).get();
    }

    private static List<Pod> pods(KubernetesClient client, Component c) {
        return client.pods().inNamespace(OPERATOR_NS).withLabel("app.kubernetes.io/name", c.objectName()).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static ComponentStatus component(NfvOperatorConfig c, Component component) {
        return c.getStatus().getComponents().stream().filter(s -> s.getName().equals(component.id())).findFirst()
                .orElseThrow();
    }
}

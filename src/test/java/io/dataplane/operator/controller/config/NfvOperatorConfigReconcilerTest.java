package io.dataplane.operator.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataplane.operator.api.v1alpha1.ComponentStatus;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.render.components.Component;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The NfvOperatorConfig controller on the fabric8 mock server (CRUD mode, no SSA, no GC, no DaemonSet
 * controller: DaemonSet progress is written by the test as kube-controller-manager would). In order: the
 * operator creates {@code default} at start and rolls every component out; status follows DaemonSet
 * progress; toggles delete and recreate a component's objects; an image change rolls the DaemonSet.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NfvOperatorConfigReconcilerTest {
    static final String NS = "dataplane-operator";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @Inject
    DefaultOperatorConfig defaultConfig;

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    @Order(1)
    void theDefaultConfigIsCreatedAtStartAndEveryComponentRollsOut() {
        NfvOperatorConfig config = await().atMost(TIMEOUT).until(this::config, c -> c != null);
        String uid = config.getMetadata().getUid();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(names(DaemonSet.class)).containsExactlyInAnyOrder("dataplane-agent", "dataplane-multus",
                    "dataplane-cni-plugins", "dataplane-device-plugin");
            // The agent's ServiceAccount and RBAC come with the install, not from the operator.
            assertThat(names(ServiceAccount.class)).containsExactlyInAnyOrder("dataplane-multus",
                    "dataplane-cni-plugins", "dataplane-device-plugin");
            assertThat(names(ConfigMap.class)).containsExactlyInAnyOrder("dataplane-multus-config",
                    "dataplane-cni-plugins-script", "dataplane-device-plugin-entrypoint");
            assertThat(names(ClusterRole.class)).containsExactly("dataplane-multus");
            assertThat(names(ClusterRoleBinding.class)).containsExactly("dataplane-multus");
        });
        for (HasMetadata o : owned()) {
            assertThat(o.getMetadata().getOwnerReferences()).as("%s %s", o.getKind(), o.getMetadata().getName())
                    .singleElement().satisfies(r -> {
                        assertThat(r.getUid()).isEqualTo(uid);
                        assertThat(r.getController()).isTrue();
                    });
        }
        // No DaemonSet controller here: every component waits for it and the config is not Ready.
        NfvOperatorConfig progressing = awaitStatus(c -> {
            assertThat(c.getStatus().getComponents()).extracting(ComponentStatus::getName)
                    .containsExactly("agent", "multus", "cni-plugins", "device-plugin");
            assertThat(Conditions.isTrue(c.getStatus().getConditions(), Conditions.PROGRESSING)).isTrue();
        });
        assertThat(condition(progressing.getStatus().getConditions(), Conditions.READY).getStatus()).isEqualTo("False");
        assertThat(progressing.getStatus().getObservedGeneration()).isEqualTo(progressing.getMetadata().getGeneration());

        assertThat(defaultConfig.ensure()).as("a second start").isEqualTo(DefaultOperatorConfig.Outcome.EXISTS);
    }

    @Test
    @Order(2)
    void statusFollowsDaemonSetProgress() {
        daemonSetStatus("dataplane-multus", 12, 12, 9, 9);

        NfvOperatorConfig c = awaitStatus(s -> assertThat(conditionOf(s, Component.MULTUS, Conditions.PROGRESSING).getMessage())
                .isEqualTo("DaemonSet dataplane-multus awaiting 3 of 12 nodes (12 updated, 9 ready)"));
        ComponentStatus multus = component(c, Component.MULTUS);
        assertThat(multus.getDesiredNodes()).isEqualTo(12);
        assertThat(multus.getReadyNodes()).isEqualTo(9);
        assertThat(multus.getUpdatedNodes()).isEqualTo(12);
        assertThat(conditionOf(c, Component.MULTUS, Conditions.AVAILABLE).getStatus()).isEqualTo("False");
        assertThat(condition(c.getStatus().getConditions(), "MultusReady").getStatus()).isEqualTo("False");

        allNodesUpToDate();
        NfvOperatorConfig ready = awaitStatus(s -> assertThat(Conditions.isTrue(s.getStatus().getConditions(), Conditions.READY)).isTrue());
        assertThat(ready.getStatus().getComponents()).allSatisfy(s -> {
            assertThat(Conditions.isTrue(s.getConditions(), Conditions.AVAILABLE)).isTrue();
            assertThat(Conditions.isTrue(s.getConditions(), Conditions.PROGRESSING)).isFalse();
            assertThat(Conditions.isTrue(s.getConditions(), Conditions.DEGRADED)).isFalse();
        });
        assertThat(ready.getStatus().getConditions()).extracting(Condition::getType).contains("AgentReady", "MultusReady",
                "CniPluginsReady", "DevicePluginReady", Conditions.PROGRESSING, Conditions.DEGRADED);
    }

    /** A reconcile with nothing to do writes nothing: no object, no status. */
    @Test
    @Order(3)
    void aConvergedConfigIsNotWrittenTo() throws Exception {
        NfvOperatorConfig before = config();
        drainRequests();

        // Same numbers again: an informer event (new resourceVersion) that changes nothing.
        daemonSetStatus("dataplane-multus", 3, 3, 3, 3);
        Thread.sleep(2000);

        List<String> writes = new ArrayList<>();
        for (RecordedRequest r = server.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS); r != null;
                r = server.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS)) {
            boolean ours = r.getPath().contains("/daemonsets/dataplane-multus/status");
            if (!r.getMethod().equals("GET") && !ours && !r.getPath().contains("/events")) {
                writes.add(r.getMethod() + " " + r.getPath());
            }
        }
        assertThat(writes).isEmpty();
        assertThat(config().getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
    }

    @Test
    @Order(4)
    void aHandEditOfAComponentIsReverted() {
        String image = daemonSet("dataplane-multus").getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        client.apps().daemonSets().inNamespace(NS).withName("dataplane-multus").edit(ds -> {
            ds.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil.example/multus:x");
            return ds;
        });

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(daemonSet("dataplane-multus").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo(image));
    }

    @Test
    @Order(5)
    void switchingAComponentOffDeletesItsObjectsAndOnRecreatesThem() {
        allNodesUpToDate(); // the mock server drops a DaemonSet's status when the operator updates it
        editSpec(s -> s.getDevicePlugin().setEnabled(false));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(names(DaemonSet.class)).doesNotContain("dataplane-device-plugin");
            assertThat(names(ServiceAccount.class)).doesNotContain("dataplane-device-plugin");
            assertThat(names(ConfigMap.class)).doesNotContain("dataplane-device-plugin-entrypoint");
        });
        NfvOperatorConfig off = awaitStatus(s -> assertThat(component(s, Component.DEVICE_PLUGIN).getEnabled()).isFalse());
        assertThat(component(off, Component.DEVICE_PLUGIN).getConditions()).isEmpty();
        assertThat(off.getStatus().getConditions()).extracting(Condition::getType).doesNotContain("DevicePluginReady");
        assertThat(Conditions.isTrue(off.getStatus().getConditions(), Conditions.READY)).as("the other three are ready: %s",
                off.getStatus().getConditions()).isTrue();
        assertThat(names(DaemonSet.class)).contains("dataplane-agent", "dataplane-multus", "dataplane-cni-plugins");

        editSpec(s -> s.getMultus().setEnabled(false));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(names(ClusterRole.class)).doesNotContain("dataplane-multus");
            assertThat(names(ClusterRoleBinding.class)).doesNotContain("dataplane-multus");
            assertThat(names(DaemonSet.class)).doesNotContain("dataplane-multus");
        });

        editSpec(s -> {
            s.getDevicePlugin().setEnabled(true);
            s.getMultus().setEnabled(true);
        });
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(names(DaemonSet.class)).contains("dataplane-device-plugin", "dataplane-multus");
            assertThat(names(ClusterRole.class)).contains("dataplane-multus");
        });
        awaitStatus(s -> assertThat(component(s, Component.DEVICE_PLUGIN).getEnabled()).isTrue());
    }

    @Test
    @Order(6)
    void anImageChangeRollsTheDaemonSetAndStatusShowsTheRollout() {
        allNodesUpToDate();

        editSpec(s -> s.getMultus().setImage("registry.example/multus:v9"));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(daemonSet("dataplane-multus").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/multus:v9"));
        assertThat(daemonSet("dataplane-multus").getSpec().getTemplate().getSpec().getInitContainers().get(0).getImage())
                .isEqualTo("registry.example/multus:v9");
        // kube-controller-manager: one node updated so far.
        daemonSetStatus("dataplane-multus", 3, 1, 3, 3);
        NfvOperatorConfig rolling = awaitStatus(s -> assertThat(conditionOf(s, Component.MULTUS, Conditions.PROGRESSING).getMessage())
                .isEqualTo("DaemonSet dataplane-multus awaiting 2 of 3 nodes (1 updated, 3 ready)"));
        assertThat(component(rolling, Component.MULTUS).getImage()).isEqualTo("registry.example/multus:v9");
        assertThat(conditionOf(rolling, Component.MULTUS, Conditions.PROGRESSING).getReason())
                .isEqualTo(ComponentStatusCalculator.REASON_ROLLING_OUT);
        assertThat(Conditions.isTrue(rolling.getStatus().getConditions(), Conditions.PROGRESSING)).isTrue();
        assertThat(Conditions.isTrue(rolling.getStatus().getConditions(), Conditions.READY))
                .as("one node at a time keeps Multus available").isTrue();

        daemonSetStatus("dataplane-multus", 3, 3, 3, 3);
        awaitStatus(s -> assertThat(Conditions.isTrue(s.getStatus().getConditions(), Conditions.PROGRESSING)).isFalse());
    }

    @Test
    @Order(7)
    void nodeSelectorTolerationsAndBinDirComeFromTheConfig() {
        editSpec(s -> {
            s.getAgent().setNodeSelector(Map.of("node-role.kubernetes.io/worker", ""));
            s.getAgent().setTolerations(List.of(new TolerationBuilder().withKey("dataplane.io/reserved")
                    .withOperator("Exists").withEffect("NoSchedule").build()));
            s.setCniBinDir("/var/lib/cni/bin");
        });

        await().atMost(TIMEOUT).untilAsserted(() -> {
            var agent = daemonSet("dataplane-agent").getSpec().getTemplate().getSpec();
            assertThat(agent.getNodeSelector()).containsEntry("node-role.kubernetes.io/worker", "")
                    .containsEntry("kubernetes.io/os", "linux");
            assertThat(agent.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dataplane.io/reserved"));
            assertThat(daemonSet("dataplane-cni-plugins").getSpec().getTemplate().getSpec().getVolumes())
                    .anyMatch(v -> v.getHostPath() != null && v.getHostPath().getPath().equals("/var/lib/cni/bin"));
            assertThat(client.configMaps().inNamespace(NS).withName("dataplane-multus-config").get().getData()
                    .get("daemon-config.json")).contains("\"binDir\" : \"/var/lib/cni/bin\"");
        });
    }

    @Test
    @Order(8)
    void aDeletedConfigIsCreatedAgainAtTheNextStartAndAdoptsTheComponents() {
        client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).delete();
        await().atMost(TIMEOUT).until(() -> config() == null);

        assertThat(defaultConfig.ensure()).isEqualTo(DefaultOperatorConfig.Outcome.CREATED);

        String uid = await().atMost(TIMEOUT).until(this::config, c -> c != null).getMetadata().getUid();
        // No garbage collector on the mock server: the old objects are still there and change owner.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(owned()).allSatisfy(o ->
                assertThat(o.getMetadata().getOwnerReferences()).singleElement()
                        .satisfies(r -> assertThat(r.getUid()).isEqualTo(uid))));
        assertThat(config().getSpec().getMultus().getEnabled()).isTrue();
    }

    /** The mock server may be shared with other test classes: leave the defaults behind. */
    @AfterAll
    void restoreDefaults() {
        NfvOperatorConfig initial = DefaultOperatorConfig.initial();
        editSpec(s -> {
            s.setAgent(initial.getSpec().getAgent());
            s.setMultus(initial.getSpec().getMultus());
            s.setCniPlugins(initial.getSpec().getCniPlugins());
            s.setDevicePlugin(initial.getSpec().getDevicePlugin());
            s.setCniBinDir(null);
        });
    }

    /** Edits the spec like a user; retried when it races the operator's status write (409). */
    private void editSpec(Consumer<io.dataplane.operator.api.v1alpha1.NfvOperatorConfigSpec> change) {
        await().atMost(TIMEOUT).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).edit(c -> {
                    change.accept(c.getSpec());
                    return c;
                }) != null);
    }

    /** Every component on 3 of 3 nodes, and the config Ready. */
    private void allNodesUpToDate() {
        for (Component comp : Component.values()) {
            daemonSetStatus(comp.objectName(), 3, 3, 3, 3);
        }
        awaitStatus(s -> assertThat(Conditions.isTrue(s.getStatus().getConditions(), Conditions.READY)).isTrue());
    }

    /** Writes a DaemonSet's status the way kube-controller-manager does. */
    private void daemonSetStatus(String name, int desired, int updated, int ready, int available) {
        DaemonSet ds = daemonSet(name);
        ds.setStatus(new DaemonSetStatusBuilder()
                .withObservedGeneration(ds.getMetadata().getGeneration() == null ? 1L : ds.getMetadata().getGeneration())
                .withDesiredNumberScheduled(desired).withCurrentNumberScheduled(desired)
                .withUpdatedNumberScheduled(updated).withNumberReady(ready).withNumberAvailable(available)
                .withNumberUnavailable(desired - available).withNumberMisscheduled(0).build());
        client.apps().daemonSets().inNamespace(NS).resource(ds).updateStatus();
    }

    private NfvOperatorConfig awaitStatus(Consumer<NfvOperatorConfig> assertion) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            NfvOperatorConfig c = config();
            assertThat(c).isNotNull();
            assertThat(c.getStatus()).isNotNull();
            assertion.accept(c);
        });
        return config();
    }

    private void drainRequests() throws InterruptedException {
        while (server.getKubernetesMockServer().takeRequest(200, TimeUnit.MILLISECONDS) != null) {
            // discard what happened before
        }
    }

    private NfvOperatorConfig config() {
        return client.resources(NfvOperatorConfig.class).withName(NfvOperatorConfig.SINGLETON_NAME).get();
    }

    private DaemonSet daemonSet(String name) {
        return client.apps().daemonSets().inNamespace(NS).withName(name).get();
    }

    private List<HasMetadata> owned() {
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.apps().daemonSets().inNamespace(NS).withLabel("app.kubernetes.io/part-of", "dataplane-operator").list().getItems());
        all.addAll(client.serviceAccounts().inNamespace(NS).withLabel("app.kubernetes.io/part-of", "dataplane-operator").list().getItems());
        all.addAll(client.configMaps().inNamespace(NS).withLabel("app.kubernetes.io/part-of", "dataplane-operator").list().getItems());
        all.addAll(client.rbac().clusterRoles().withLabel("app.kubernetes.io/part-of", "dataplane-operator").list().getItems());
        all.addAll(client.rbac().clusterRoleBindings().withLabel("app.kubernetes.io/part-of", "dataplane-operator").list().getItems());
        return all;
    }

    private Set<String> names(Class<? extends HasMetadata> kind) {
        var list = kind == ClusterRole.class || kind == ClusterRoleBinding.class
                ? client.resources(kind).withLabel("app.kubernetes.io/part-of", "dataplane-operator").list()
                : client.resources(kind).inNamespace(NS).withLabel("app.kubernetes.io/part-of", "dataplane-operator").list();
        return list.getItems().stream().map(o -> o.getMetadata().getName()).collect(java.util.stream.Collectors.toSet());
    }

    private static ComponentStatus component(NfvOperatorConfig c, Component component) {
        return c.getStatus().getComponents().stream().filter(s -> s.getName().equals(component.id())).findFirst()
                .orElseThrow();
    }

    private static Condition conditionOf(NfvOperatorConfig c, Component component, String type) {
        return condition(component(c, component).getConditions(), type);
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return Conditions.find(conditions, type).orElseThrow(() -> new AssertionError("no condition " + type + " in " + conditions));
    }
}

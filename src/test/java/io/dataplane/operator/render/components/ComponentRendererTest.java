package io.dataplane.operator.render.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataplane.operator.api.v1alpha1.ComponentSpec;
import io.dataplane.operator.api.v1alpha1.LogLevel;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfig;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfigSpec;
import io.dataplane.operator.testsupport.Golden;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ComponentRendererTest {
    static final String NS = "dataplane-operator";
    /** Stand-ins for the RELATED_IMAGE_* settings: every rendered image must be one of these or from the spec. */
    static final Map<Component, String> IMAGES = images();

    static Map<Component, String> images() {
        Map<Component, String> images = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            images.put(c, "registry.test/" + c.id() + ":1.0");
        }
        return images;
    }

    static ComponentsConfig resolve(NfvOperatorConfigSpec spec) {
        return ComponentsConfig.resolve(spec, NS, "dataplane.io", IMAGES);
    }

    static Stream<Path> cases() {
        return Golden.inputs("components", ".input.yaml");
    }

    /** Each input renders its component (annotation test.component) exactly to its golden file. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersGolden(Path input) throws Exception {
        NfvOperatorConfig config = Serialization.unmarshal(Files.readString(input), NfvOperatorConfig.class);
        Component component = Component.byId(config.getMetadata().getAnnotations().get("test.component"));
        assertThat(component).as("test.component annotation of %s", input).isNotNull();

        RenderedComponent rendered = ComponentRenderer.render(component, resolve(config.getSpec()));

        String actual = rendered.objects().stream().map(Serialization::asYaml).collect(Collectors.joining());
        Golden.assertMatches(Path.of(input.toString().replace(".input.yaml", ".golden.yaml")), actual);
    }

    @ParameterizedTest
    @EnumSource(Component.class)
    void everyComponentHasAGoldenFile(Component component) {
        assertThat(cases().map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith(component.id() + "-"));
    }

    @ParameterizedTest
    @EnumSource(Component.class)
    void renderingIsDeterministic(Component component) {
        ComponentsConfig config = resolve(specWithOptions());
        assertThat(yaml(ComponentRenderer.render(component, config)))
                .isEqualTo(yaml(ComponentRenderer.render(component, resolve(specWithOptions()))));
    }

    static Stream<Arguments> privileges() {
        return Stream.of(
                Arguments.of(Component.AGENT, Set.of("agent")),
                Arguments.of(Component.MULTUS, Set.of("multus-daemon")),
                Arguments.of(Component.CNI_PLUGINS, Set.of()),
                Arguments.of(Component.DEVICE_PLUGIN, Set.of("sriov-device-plugin")));
    }

    /** Privileged only where the component cannot work otherwise; everything else drops all capabilities. */
    @ParameterizedTest(name = "{0}: privileged {1}")
    @MethodSource("privileges")
    void privilegedOnlyWhereItMustBe(Component component, Set<String> privileged) {
        PodSpec pod = daemonSet(component, resolve(null)).getSpec().getTemplate().getSpec();
        List<Container> all = Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList();
        assertThat(all).filteredOn(c -> Boolean.TRUE.equals(c.getSecurityContext().getPrivileged()))
                .extracting(Container::getName).containsExactlyInAnyOrderElementsOf(privileged);
        assertThat(all).filteredOn(c -> !privileged.contains(c.getName())).allSatisfy(c -> {
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        });
    }

    static Stream<Arguments> hostPaths() {
        return Stream.of(
                Arguments.of(Component.AGENT, Set.of("/sys", "/dev", "/etc/kubernetes/kubelet.conf.d", "/var/lib/kubelet",
                        "/var/run/openvswitch", "/var/lib/dataplane-agent")),
                Arguments.of(Component.CNI_PLUGINS, Set.of("/opt/cni/bin")),
                Arguments.of(Component.DEVICE_PLUGIN, Set.of("/var/lib/kubelet/device-plugins",
                        "/var/run/k8s.cni.cncf.io/devinfo/dp")));
    }

    /** The host paths each component can touch: the install guide documents exactly these. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostPaths")
    void mountsOnlyTheHostPathsItNeeds(Component component, Set<String> paths) {
        assertThat(hostPathsOf(daemonSet(component, resolve(null)))).containsExactlyInAnyOrderElementsOf(paths);
    }

    /** Every host path the agent's settings default to is below a mount of the agent DaemonSet. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"stateDir", "kubeletDropInDir", "kubeletConfig",
            "kubeletStateDir", "ovsdbSocket"})
    void theAgentMountsWhatItsSettingsPointAt(String setting) throws Exception {
        String hostPath = io.dataplane.operator.config.AgentSettings.class.getMethod(setting)
                .getAnnotation(io.smallrye.config.WithDefault.class).value();
        DaemonSet agent = daemonSet(Component.AGENT, resolve(null));
        var mounts = agent.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts();
        assertThat(mounts).as("a mount under /host covering %s", hostPath)
                .anyMatch(m -> ("/host" + hostPath).startsWith(m.getMountPath() + "/") || ("/host" + hostPath).equals(m.getMountPath()));
        assertThat(agent.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anyMatch(e -> e.getName().equals("DATAPLANE_HOST_ROOT") && e.getValue().equals("/host"))
                .anyMatch(e -> e.getName().equals("DATAPLANE_MODE") && e.getValue().equals("agent"));
        assertThat(agent.getSpec().getTemplate().getSpec().getHostPID()).as("systemctl through nsenter --target 1").isTrue();
    }

    /** The agent reads the environment its DaemonSet sets: it serves health where the probe looks, at the configured log level. */
    @Test
    void theAgentReadsTheEnvironmentItsDaemonSetSets() {
        NfvOperatorConfigSpec spec = new NfvOperatorConfigSpec();
        spec.setLogLevel(io.dataplane.operator.api.v1alpha1.LogLevel.DEBUG);
        var container = daemonSet(Component.AGENT, resolve(spec)).getSpec().getTemplate().getSpec().getContainers().get(0);
        java.util.Map<String, String> env = new java.util.HashMap<>();
        container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        env.put("NODE_NAME", "worker-0"); // the downward API's
        var settings = io.dataplane.operator.config.AgentSettings.load(new io.smallrye.config.EnvConfigSource(env, 300));

        assertThat(settings.health().port()).isEqualTo(container.getReadinessProbe().getHttpGet().getPort().getIntVal());
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/group/agent");
        assertThat(settings.logLevel()).isEqualTo("debug");
        assertThat(settings.hostRoot()).isEqualTo("/host");
        assertThat(settings.nodeName()).contains("worker-0");
    }

    @Test
    void theCniBinDirMovesEveryMountOfIt() {
        NfvOperatorConfigSpec spec = new NfvOperatorConfigSpec();
        spec.setCniBinDir("/var/lib/cni/bin");
        ComponentsConfig config = resolve(spec);

        assertThat(hostPathsOf(daemonSet(Component.CNI_PLUGINS, config))).containsExactly("/var/lib/cni/bin");
        DaemonSet multus = daemonSet(Component.MULTUS, config);
        assertThat(hostPathsOf(multus)).contains("/var/lib/cni/bin").doesNotContain("/opt/cni/bin");
        // multus-daemon runs delegates by their host path, so it mounts the directory at the same path.
        assertThat(multus.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anyMatch(m -> m.getName().equals("cni-bin") && m.getMountPath().equals("/var/lib/cni/bin"));
        assertThat(MultusManifests.daemonConfig(config)).contains("\"binDir\" : \"/var/lib/cni/bin\"");
    }

    @ParameterizedTest
    @EnumSource(Component.class)
    void imagesComeFromTheSettingsOrTheSpec(Component component) {
        assertThat(imagesOf(daemonSet(component, resolve(null)))).containsOnly(IMAGES.get(component));

        NfvOperatorConfigSpec spec = new NfvOperatorConfigSpec();
        ComponentSpec own = new ComponentSpec();
        own.setImage("registry.example/own@sha256:abc");
        set(spec, component, own);
        assertThat(imagesOf(daemonSet(component, resolve(spec)))).containsOnly("registry.example/own@sha256:abc");
    }

    @Test
    void aComponentWithoutAnyImageIsRefusedWithTheFieldToSet() {
        Map<Component, String> none = new EnumMap<>(IMAGES);
        none.remove(Component.MULTUS);
        ComponentsConfig config = ComponentsConfig.resolve(null, NS, "dataplane.io", none);
        assertThatThrownBy(() -> ComponentRenderer.render(Component.MULTUS, config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec.multus.image");
    }

    @ParameterizedTest
    @EnumSource(Component.class)
    void nodeSelectorKeepsLinuxAndTolerationsReplaceTheDefault(Component component) {
        PodSpec defaults = daemonSet(component, resolve(null)).getSpec().getTemplate().getSpec();
        assertThat(defaults.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
        assertThat(defaults.getTolerations()).singleElement()
                .satisfies(t -> assertThat(t.getOperator()).isEqualTo("Exists"))
                .satisfies(t -> assertThat(t.getKey()).isNull());

        PodSpec custom = daemonSet(component, resolve(specWithOptions())).getSpec().getTemplate().getSpec();
        assertThat(custom.getNodeSelector()).containsEntry("kubernetes.io/os", "linux")
                .containsEntry("node-role.kubernetes.io/worker", "");
        assertThat(custom.getTolerations()).singleElement()
                .satisfies(t -> assertThat(t.getKey()).isEqualTo("dataplane.io/reserved"));
    }

    @ParameterizedTest
    @EnumSource(Component.class)
    void everyObjectIsLabelledAndNamespacedObjectsLiveInTheOperatorNamespace(Component component) {
        for (HasMetadata o : ComponentRenderer.render(component, resolve(null)).objects()) {
            assertThat(o.getMetadata().getLabels()).as("%s %s", o.getKind(), o.getMetadata().getName())
                    .containsAllEntriesOf(ComponentLabels.of(component));
            boolean clusterScoped = o.getKind().startsWith("Cluster");
            assertThat(o.getMetadata().getNamespace()).isEqualTo(clusterScoped ? null : NS);
        }
    }

    static Stream<Arguments> configHashes() {
        return Stream.of(
                // Multus reads its daemon configuration at start: a change must roll its pods.
                Arguments.of(Component.MULTUS, (Consumer<NfvOperatorConfigSpec>) s -> s.setCniBinDir("/var/lib/cni/bin"), true),
                // The conf dir is a hostPath of the pod template (mounted at a fixed path): no config change.
                Arguments.of(Component.MULTUS, (Consumer<NfvOperatorConfigSpec>) s -> s.setCniConfDir("/etc/kubernetes/cni/net.d"), false),
                Arguments.of(Component.MULTUS, (Consumer<NfvOperatorConfigSpec>) s -> s.setLogLevel(LogLevel.DEBUG), true),
                Arguments.of(Component.MULTUS, (Consumer<NfvOperatorConfigSpec>) s -> s.setResourcePrefix("intel.com"), false),
                Arguments.of(Component.CNI_PLUGINS, (Consumer<NfvOperatorConfigSpec>) s -> s.setLogLevel(LogLevel.DEBUG), false),
                Arguments.of(Component.DEVICE_PLUGIN, (Consumer<NfvOperatorConfigSpec>) s -> s.setCniBinDir("/var/lib/cni/bin"), false));
    }

    /** The pod-template config hash follows the operator-rendered configuration and nothing else. */
    @ParameterizedTest(name = "{0} #{index}: changes hash {2}")
    @MethodSource("configHashes")
    void configHashFollowsTheRenderedConfiguration(Component component, Consumer<NfvOperatorConfigSpec> change,
            boolean hashChanges) {
        NfvOperatorConfigSpec changed = new NfvOperatorConfigSpec();
        change.accept(changed);
        String before = configHash(daemonSet(component, resolve(null)));
        String after = configHash(daemonSet(component, resolve(changed)));
        assertThat(before).isNotNull();
        assertThat(after.equals(before)).isEqualTo(!hashChanges);
    }

    @Test
    void theAgentHasNoRenderedConfigurationAndSoNoHash() {
        assertThat(configHash(daemonSet(Component.AGENT, resolve(null)))).isNull();
    }

    @Test
    void disabledComponentsAreNotRendered() {
        NfvOperatorConfigSpec spec = new NfvOperatorConfigSpec();
        ComponentSpec off = new ComponentSpec();
        off.setEnabled(false);
        spec.setDevicePlugin(off);
        assertThat(ComponentRenderer.renderEnabled(resolve(spec))).extracting(RenderedComponent::component)
                .containsExactly(Component.AGENT, Component.MULTUS, Component.CNI_PLUGINS);
        assertThat(ComponentRenderer.renderEnabled(resolve(null))).hasSize(4);
    }

    @Test
    void multusIsGrantedNoWildcard() {
        ClusterRole role = ComponentRenderer.render(Component.MULTUS, resolve(null)).objects().stream()
                .filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast).findFirst().orElseThrow();
        assertThat(role.getRules()).allSatisfy(r -> {
            assertThat(r.getVerbs()).doesNotContain("*");
            assertThat(r.getResources()).doesNotContain("*");
        });
    }

    @Test
    void daemonSetObjectsComeAfterWhatTheirPodsNeed() {
        for (Component c : Component.values()) {
            List<HasMetadata> objects = ComponentRenderer.render(c, resolve(null)).objects();
            assertThat(objects.get(objects.size() - 1)).isInstanceOf(DaemonSet.class);
            if (c != Component.AGENT) {
                assertThat(objects.get(0).getKind()).isEqualTo("ServiceAccount");
            }
        }
    }

    /**
     * The agent's ServiceAccount and RBAC come with the install: its DaemonSet names the account that
     * deploy/rbac/agent-clusterrole.yaml is for (the file's first role names it), and renders no RBAC.
     */
    @Test
    void theAgentRunsAsTheServiceAccountTheInstallCreates() throws Exception {
        List<HasMetadata> objects = ComponentRenderer.render(Component.AGENT, resolve(null)).objects();
        assertThat(objects).singleElement().isInstanceOf(DaemonSet.class);
        HasMetadata installRole = Serialization.unmarshal(
                Files.readString(Path.of("deploy/rbac/agent-clusterrole.yaml")).split("(?m)^---$")[0], HasMetadata.class);
        assertThat(installRole.getKind()).isEqualTo("ClusterRole");
        assertThat(((DaemonSet) objects.get(0)).getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(installRole.getMetadata().getName());
    }

    private static NfvOperatorConfigSpec specWithOptions() {
        NfvOperatorConfigSpec spec = new NfvOperatorConfigSpec();
        for (Component c : Component.values()) {
            ComponentSpec s = new ComponentSpec();
            s.setNodeSelector(Map.of("node-role.kubernetes.io/worker", ""));
            s.setTolerations(List.of(new TolerationBuilder().withKey("dataplane.io/reserved").withOperator("Exists")
                    .withEffect("NoSchedule").build()));
            set(spec, c, s);
        }
        return spec;
    }

    private static void set(NfvOperatorConfigSpec spec, Component component, ComponentSpec value) {
        switch (component) {
            case AGENT -> spec.setAgent(value);
            case MULTUS -> spec.setMultus(value);
            case CNI_PLUGINS -> spec.setCniPlugins(value);
            case DEVICE_PLUGIN -> spec.setDevicePlugin(value);
        }
    }

    private static DaemonSet daemonSet(Component component, ComponentsConfig config) {
        return ComponentRenderer.render(component, config).daemonSet();
    }

    private static String configHash(DaemonSet ds) {
        return ds.getSpec().getTemplate().getMetadata().getAnnotations().get(Manifests.CONFIG_HASH_ANNOTATION);
    }

    private static Set<String> hostPathsOf(DaemonSet ds) {
        return ds.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getHostPath() != null)
                .map(v -> v.getHostPath().getPath()).collect(Collectors.toSet());
    }

    private static Set<String> imagesOf(DaemonSet ds) {
        PodSpec pod = ds.getSpec().getTemplate().getSpec();
        return Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).map(Container::getImage)
                .collect(Collectors.toSet());
    }

    private static String yaml(RenderedComponent rendered) {
        return rendered.objects().stream().map(Serialization::asYaml).collect(Collectors.joining());
    }
}

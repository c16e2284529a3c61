package io.dataplane.operator.render.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplane.operator.api.v1alpha1.NetworkType;
import io.dataplane.operator.api.v1alpha1.NfvNetworkSpec;
import io.dataplane.operator.render.cni.CniSettings;
import io.dataplane.operator.render.cni.NetworkConfigRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CNI plugins (built from Go modules by scripts/tools.sh), installed by install-cni.sh into a
 * fresh binary directory, then run by cnitool in network namespaces: proves the installed binaries are
 * whole and executable, and that a config rendered by the operator works with them. Needs root (network
 * namespaces). The "host" is a namespace too, so the machine's own links are never touched.
 */
class InstalledCniPluginsNetnsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> PLUGINS = List.of("host-device", "host-local", "macvlan", "static");

    @TempDir
    Path tmp;
    Path toolsBin;
    Path cniBin;
    Path netconf;
    String hostNs;
    String podNs;

    @BeforeEach
    void setUp() throws Exception {
        assumeThat(System.getProperty("user.name")).as("network namespaces need root; this test runs as %s",
                System.getProperty("user.name")).isEqualTo("root");
        String env = System.getenv("DATAPLANE_TOOLS_DIR");
        toolsBin = (env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "dataplane-operator", "tools")).resolve("bin");
        for (String p : PLUGINS) {
            assertThat(toolsBin.resolve("cni").resolve(p)).as("CNI plugin %s: run `make tools`", p).isExecutable();
        }
        assertThat(toolsBin.resolve("cnitool")).as("cnitool: run `make tools`").isExecutable();

        cniBin = Files.createDirectories(tmp.resolve("opt-cni-bin"));
        netconf = Files.createDirectories(tmp.resolve("net.d"));
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
        hostNs = "dpit-host-" + suffix;
        podNs = "dpit-pod-" + suffix;
        sh("ip", "netns", "add", hostNs);
        sh("ip", "netns", "add", podNs);
        // An uplink for macvlan and a spare link for host-device, both "on the host".
        sh("ip", "-n", hostNs, "link", "add", "up0", "type", "veth", "peer", "name", "spare0");
        sh("ip", "-n", hostNs, "link", "set", "up0", "up");
    }

    @AfterEach
    void tearDown() {
        if (hostNs != null) {
            ShellRun.run("ip", "netns", "del", podNs);
            ShellRun.run("ip", "netns", "del", hostNs);
        }
    }

    @Test
    void installedPluginsAttachAndDetachInterfaces() throws Exception {
        Path script = ShellRun.script(tmp, Scripts.INSTALL_CNI);
        ShellRun install = ShellRun.run(List.of("sh", script.toString(), toolsBin.resolve("cni").toString(),
                cniBin.toString(), "--once"), Map.of(), null);
        assertThat(install.exit()).as("%s", install).isZero();
        for (String p : PLUGINS) {
            assertThat(cniBin.resolve(p)).isExecutable();
            assertThat(Files.readAllBytes(cniBin.resolve(p))).isEqualTo(Files.readAllBytes(toolsBin.resolve("cni").resolve(p)));
        }

        // macvlan on the uplink, address from host-local.
        ObjectNode macvlan = JSON.createObjectNode().put("cniVersion", "1.0.0").put("name", "mv").put("type", "macvlan")
                .put("master", "up0").put("mode", "bridge");
        macvlan.putObject("ipam").put("type", "host-local").put("subnet", "10.99.0.0/24")
                .put("dataDir", tmp.resolve("ipam").toString());
        Files.writeString(netconf.resolve("10-mv.conf"), JSON.writeValueAsString(macvlan));

        ShellRun add = cnitool("add", "mv", "net1");
        assertThat(add.exit()).as("%s", add).isZero();
        assertThat(JSON.readTree(add.stdout()).path("ips").get(0).path("address").asText()).startsWith("10.99.0.");
        assertThat(sh("ip", "-n", podNs, "-o", "addr", "show", "dev", "net1").stdout()).contains("inet 10.99.0.");
        assertThat(cnitool("del", "mv", "net1").exit()).isZero();
        assertThat(ShellRun.run("ip", "-n", podNs, "link", "show", "net1").exit()).as("net1 gone after DEL").isNotZero();

        // A hostdevice NfvNetwork as the operator renders it, plus the device Multus would add.
        NfvNetworkSpec spec = new NfvNetworkSpec();
        spec.setType(NetworkType.HOSTDEVICE);
        spec.setResourceName("spare");
        spec.setIpam(JSON.readTree("{\"type\":\"static\",\"addresses\":[{\"address\":\"10.1.1.10/24\"}]}"));
        String rendered = new NetworkConfigRenderer(JSON).render("whole-dev", spec,
                new CniSettings("dataplane.io", CniSettings.DEFAULT_CNI_CONF_DIR)).config();
        ObjectNode hostDevice = (ObjectNode) JSON.readTree(rendered);
        hostDevice.put("device", "spare0");
        Files.writeString(netconf.resolve("20-whole-dev.conf"), JSON.writeValueAsString(hostDevice));

        ShellRun addDevice = cnitool("add", "whole-dev", "net2");
        assertThat(addDevice.exit()).as("%s", addDevice).isZero();
        assertThat(sh("ip", "-n", podNs, "-o", "addr", "show", "dev", "net2").stdout()).contains("inet 10.1.1.10/24");
        assertThat(ShellRun.run("ip", "-n", hostNs, "link", "show", "spare0").exit()).as("moved out of the host").isNotZero();
        assertThat(cnitool("del", "whole-dev", "net2").exit()).isZero();
        assertThat(sh("ip", "-n", hostNs, "link", "show", "spare0").exit()).as("back on the host after DEL").isZero();
    }

    private ShellRun cnitool(String verb, String network, String ifName) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_PATH", cniBin.toString());
        env.put("NETCONFPATH", netconf.toString());
        env.put("CNI_IFNAME", ifName);
        return ShellRun.run(List.of("ip", "netns", "exec", hostNs, toolsBin.resolve("cnitool").toString(), verb, network,
                "/var/run/netns/" + podNs), env, null);
    }

    private static ShellRun sh(String... command) {
        ShellRun r = ShellRun.run(command);
        assertThat(r.exit()).as("%s: %s", String.join(" ", command), r).isZero();
        return r;
    }
}

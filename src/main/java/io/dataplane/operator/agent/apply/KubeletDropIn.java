package io.dataplane.operator.agent.apply;

import io.dataplane.operator.api.v1alpha1.CpuManagerPolicy;
import io.dataplane.operator.api.v1alpha1.CpuManagerPolicyOption;
import io.dataplane.operator.api.v1alpha1.NodeCpuConfig;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The kubelet drop-in the agent writes (KubeletConfiguration v1beta1, read from the kubelet's
 * {@code --config-dir}; later files win, ours is {@code 99-}). Only the CPU and topology manager
 * fields; isolated CPUs are a kernel command line matter and not written here.
 */
public final class KubeletDropIn {

    private KubeletDropIn() {
    }

    /** The file content for these settings, or empty when they set nothing the kubelet reads. */
    public static Optional<String> render(NodeCpuConfig cpu) {
        if (cpu == null || (cpu.getManagerPolicy() == null && cpu.getReserved() == null && cpu.getManagerPolicyOptions().isEmpty()
                && cpu.getTopologyManagerPolicy() == null && cpu.getTopologyManagerScope() == null)) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by the dataplane-operator node agent (NfvNodeState spec.cpu); removed when no policy sets it.\n");
        sb.append("apiVersion: kubelet.config.k8s.io/v1beta1\n");
        sb.append("kind: KubeletConfiguration\n");
        if (cpu.getManagerPolicy() != null) {
            sb.append("cpuManagerPolicy: ").append(cpu.getManagerPolicy().value()).append('\n');
        }
        if (cpu.getReserved() != null && !cpu.getReserved().isBlank()) {
            sb.append("reservedSystemCPUs: \"").append(cpu.getReserved().strip()).append("\"\n");
        }
        if (!cpu.getManagerPolicyOptions().isEmpty()) {
            sb.append("cpuManagerPolicyOptions:\n");
            TreeSet<String> options = new TreeSet<>();
            cpu.getManagerPolicyOptions().forEach(o -> options.add(o.value()));
            options.forEach(o -> sb.append("  ").append(o).append(": \"true\"\n"));
        }
        if (cpu.getTopologyManagerPolicy() != null) {
            sb.append("topologyManagerPolicy: ").append(cpu.getTopologyManagerPolicy().value()).append('\n');
        }
        if (cpu.getTopologyManagerScope() != null) {
            sb.append("topologyManagerScope: ").append(cpu.getTopologyManagerScope().value()).append('\n');
        }
        return Optional.of(sb.toString());
    }

    /** Why the kubelet would refuse these settings (it then crash-loops), or empty when it accepts them. */
    public static Optional<String> invalid(NodeCpuConfig cpu) {
        if (cpu == null) {
            return Optional.empty();
        }
        boolean reserved = cpu.getReserved() != null && !cpu.getReserved().isBlank();
        if (cpu.getManagerPolicy() == CpuManagerPolicy.STATIC && !reserved) {
            return Optional.of("cpuManagerPolicy static needs reserved CPUs (reservedSystemCPUs); the kubelet would not start");
        }
        if (cpu.getManagerPolicy() != CpuManagerPolicy.STATIC && !cpu.getManagerPolicyOptions().isEmpty()) {
            return Optional.of("cpuManagerPolicyOptions " + cpu.getManagerPolicyOptions().stream().map(CpuManagerPolicyOption::value).toList()
                    + " need cpuManagerPolicy static");
        }
        return Optional.empty();
    }
}

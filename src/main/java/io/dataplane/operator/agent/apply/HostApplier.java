package io.dataplane.operator.agent.apply;

import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.host.DriverBinder;
import io.dataplane.operator.host.HostFs;
import io.dataplane.operator.ovsdb.OvsdbClient;

/**
 * Makes the host match a node spec, in order: vfio no-IOMMU mode, PFs (MTU, autoprobe, VF count),
 * device drivers, kernel VF MTU, huge pages, the kubelet drop-in, OVS-DPDK, then the reverts that
 * must come after OVS lets go of devices, and service restarts. Every step reads the host first,
 * writes only what differs, reads back, and records what it took over in {@link OwnedState} before
 * it changes it. Idempotent: a second pass over a converged host writes nothing.
 */
public final class HostApplier {

    private final HostFs fs;
    private final HostCommands commands;
    private final AgentPaths paths;

    public HostApplier(HostFs fs, HostCommands commands, AgentPaths paths) {
        this.fs = fs;
        this.commands = commands;
        this.paths = paths;
    }

    /**
     * Reads only: the disruptive changes the spec needs on this host ({@link ApplyReport#pending()}).
     *
     * @param ovs a connection to OVSDB, or null when OVS is unreachable
     */
    public ApplyReport plan(NfvNodeStateSpec spec, OwnedState owned, OwnedStateStore store, OvsdbClient ovs, boolean rebootReapply) {
        return run(new HostChange(fs, owned, store, HostChange.Mode.PLAN, false, rebootReapply), spec, ovs, null);
    }

    /**
     * Applies the spec. Disruptive changes are made only with {@code allowDisruptive}; otherwise
     * they are listed as pending and everything else is applied.
     *
     * @param ovsUnreachable why OVS cannot be reached when {@code ovs} is null
     */
    public ApplyReport apply(NfvNodeStateSpec spec, OwnedState owned, OwnedStateStore store, OvsdbClient ovs, String ovsUnreachable,
            boolean allowDisruptive, boolean rebootReapply) {
        return run(new HostChange(fs, owned, store, HostChange.Mode.APPLY, allowDisruptive, rebootReapply), spec, ovs, ovsUnreachable);
    }

    private ApplyReport run(HostChange c, NfvNodeStateSpec spec, OvsdbClient ovs, String ovsUnreachable) {
        NoIommuStep.enable(c, spec.getNested());
        SriovStep.run(c, spec.getInterfaces());
        DriverStep.run(c, spec, DriverStep.Phase.BIND);
        VfMtuStep.run(c, spec.getInterfaces());
        HugepagesStep.run(c, spec.getHugepages());
        KubeletStep.run(c, commands, paths, spec.getCpu());
        if (!OvsStep.idle(c.owned, spec.getOvsDpdk())) {
            if (ovs != null) {
                OvsStep.run(c, ovs, spec.getOvsDpdk(), new DriverBinder(fs));
            } else {
                c.problem(Reasons.OVS_UNREACHABLE, "OVS-DPDK settings not applied: " + ovsUnreachable);
            }
        }
        // After OVS released its ports: devices go back to their drivers, then no-IOMMU mode.
        DriverStep.run(c, spec, DriverStep.Phase.REVERT);
        NoIommuStep.revert(c, spec.getNested());
        RestartStep.run(c, commands);
        return c.report;
    }
}

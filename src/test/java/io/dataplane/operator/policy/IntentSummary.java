package io.dataplane.operator.policy;

import io.dataplane.operator.api.v1alpha1.HugepageAllocation;
import io.dataplane.operator.api.v1alpha1.InterfaceConfig;
import io.dataplane.operator.api.v1alpha1.NestedVirtioConfig;
import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import io.dataplane.operator.api.v1alpha1.NodeCpuConfig;
import io.dataplane.operator.api.v1alpha1.NodeHugepagesConfig;
import io.dataplane.operator.api.v1alpha1.NodeOvsDpdkConfig;
import io.dataplane.operator.api.v1alpha1.OvsBridge;
import io.dataplane.operator.api.v1alpha1.VfGroupConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A one-line-per-fact text form of a merge result, so that table-driven cases state the whole expected
 * outcome in a few readable lines (and a wrong field anywhere shows up in the diff).
 */
final class IntentSummary {
    private IntentSummary() {
    }

    static String describe(List<Problem> staticProblems, NodeIntent intent) {
        List<String> lines = new ArrayList<>();
        NfvNodeStateSpec spec = intent.spec();
        lines.add("policies: " + (spec.getPolicies().isEmpty() ? "-" : String.join(", ", spec.getPolicies())));
        for (InterfaceConfig pf : spec.getInterfaces()) {
            lines.add("pf " + pf.getPciAddress() + " " + (pf.getName() == null ? "-" : pf.getName()) + " numVfs=" + pf.getNumVfs()
                    + (pf.getMtu() == null ? "" : " mtu=" + pf.getMtu())
                    + (pf.getLinkType() == null ? "" : " linkType=" + pf.getLinkType().value()));
            for (VfGroupConfig g : pf.getVfGroups()) {
                lines.add("  vfs " + g.getFirst() + "-" + g.getLast() + " " + g.getPolicy() + "/" + g.getPool() + " "
                        + g.getResourceName() + " " + g.getDeviceType().value() + " " + g.getDeviceClass().value()
                        + (g.getMtu() == null ? "" : " mtu=" + g.getMtu()));
            }
        }
        NodeHugepagesConfig h = spec.getHugepages();
        if (h != null) {
            lines.add("hugepages from " + h.getPolicy() + ":"
                    + (h.getDefaultSize() == null ? "" : " default=" + h.getDefaultSize().value())
                    + h.getPages().stream().map(IntentSummary::page).collect(Collectors.joining(",", " ", "")));
        }
        NodeCpuConfig c = spec.getCpu();
        if (c != null) {
            lines.add("cpu from " + c.getPolicy() + ":"
                    + (c.getManagerPolicy() == null ? "" : " " + c.getManagerPolicy().value())
                    + (c.getReserved() == null ? "" : " reserved=" + c.getReserved())
                    + (c.getIsolated() == null ? "" : " isolated=" + c.getIsolated())
                    + (c.getManagerPolicyOptions().isEmpty() ? "" : " options=" + c.getManagerPolicyOptions().stream()
                            .map(o -> o.value()).collect(Collectors.joining(",")))
                    + (c.getTopologyManagerPolicy() == null ? "" : " topology=" + c.getTopologyManagerPolicy().value())
                    + (c.getTopologyManagerScope() == null ? "" : " scope=" + c.getTopologyManagerScope().value()));
        }
        NodeOvsDpdkConfig o = spec.getOvsDpdk();
        if (o != null) {
            lines.add("ovsDpdk from " + o.getPolicy() + ":"
                    + (o.getSocketMemMiB().isEmpty() ? "" : " socketMem=" + o.getSocketMemMiB().stream()
                            .map(String::valueOf).collect(Collectors.joining(",")))
                    + (o.getLcoreCpus() == null ? "" : " lcore=" + o.getLcoreCpus())
                    + (o.getPmdCpus() == null ? "" : " pmd=" + o.getPmdCpus())
                    + (o.getBridges().isEmpty() ? "" : " bridges=" + o.getBridges().stream().map(OvsBridge::getName)
                            .collect(Collectors.joining(","))));
        }
        for (NestedVirtioConfig n : spec.getNested()) {
            lines.add("nested from " + n.getPolicy() + ": " + n.getResourceName() + " " + n.getDriver().value()
                    + (Boolean.TRUE.equals(n.getNoIommu()) ? " noIommu" : "") + " " + String.join(",", n.getPciAddresses()));
        }
        for (Conflict x : intent.conflicts()) {
            lines.add("conflict " + x.loser() + " loses " + x.field() + " to " + x.winner());
        }
        for (Problem p : staticProblems) {
            lines.add("problem " + p.policy() + " " + p.reason() + " " + p.field());
        }
        for (Problem p : intent.problems()) {
            lines.add("problem on node " + p.policy() + " " + p.reason() + " " + p.field());
        }
        if (!intent.awaitingInventory().isEmpty()) {
            lines.add("awaiting inventory: " + String.join(", ", intent.awaitingInventory().stream().sorted().toList()));
        }
        if (!intent.unmatchedPools().isEmpty()) {
            lines.add("unmatched: " + String.join(", ", intent.unmatchedPools()));
        }
        return String.join("\n", lines);
    }

    private static String page(HugepageAllocation a) {
        return a.getSize().value() + "x" + a.getCount() + (a.getNumaNode() == null ? "" : "@numa" + a.getNumaNode());
    }
}

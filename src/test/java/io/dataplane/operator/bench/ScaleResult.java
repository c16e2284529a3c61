package io.dataplane.operator.bench;

import java.util.Map;

/** What one size of the scale benchmark measured; a field left at -1 or null was not measured. */
final class ScaleResult {
    final int nodes;
    final int networks;
    final int namespaces;
    String loadBefore;
    String loadAfter;
    String error;
    int retries;
    double totalSeconds = -1;

    double nodesSeconds = -1;
    double operatorStartSeconds = -1;
    double fleetStartSeconds = -1;
    /** The filesystem of the simulated hosts' trees ({@link io.dataplane.operator.testsupport.SimulatedHostDirs}). */
    String hostsFs = "?";
    String operatorJvmFlags;
    String fleetJvmFlags;

    double applySeconds = -1;
    ConvergenceWatch.Milestones milestones;
    Map<String, Double> cpuSeconds = Map.of();
    /** CPU seconds during the write floor (no operator, no agents then). */
    Map<String, Double> floorCpuSeconds = Map.of();
    AuditTally convergenceOperator;
    AuditTally convergenceAgents;
    double operatorGcSeconds = -1;
    int operatorSocketsOpened = -1;
    int operatorSocketsMaxOpen = -1;

    double operatorRssMiB = -1;
    double operatorHeapMiB = -1;
    double operatorLiveHeapMiB = -1;
    double operatorRssAfterGcMiB = -1;

    AuditTally steadyOperator;
    AuditTally steadyAgents;

    ConvergenceWatch.Milestones editMilestones;
    AuditTally editOperator;
    AuditTally editAgents;

    AgentProbe.Result agent;
    String agentError;

    WriteFloor.Result floor;
    /** Mean JSON size per kind of the converged objects. */
    final Map<String, Long> objectBytes = new java.util.LinkedHashMap<>();
    /** Mean JSON bytes of the converged NfvNodeStates by part ({@link JsonParts}). */
    Map<String, Long> stateParts = Map.of();

    ScaleResult(int nodes, int networks, int namespaces) {
        this.nodes = nodes;
        this.networks = networks;
        this.namespaces = namespaces;
    }

    boolean converged() {
        return milestones != null && milestones.converged() >= 0;
    }

    /** Convergence time over the write floor's; -1 when either is missing. */
    double ratio() {
        return converged() && floor != null && floor.seconds() > 0 ? milestones.converged() / floor.seconds() : -1;
    }
}

package io.dataplane.operator.policy;

/**
 * A setting that two policies give different values on one node: {@code loser}'s value is not applied
 * there, {@code winner}'s is. {@code field} names the contested setting, e.g. {@code sriov[ens1f0].numVfs}.
 */
public record Conflict(String loser, String winner, String node, String field, String detail) {
}

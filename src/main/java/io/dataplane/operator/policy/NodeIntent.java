package io.dataplane.operator.policy;

import io.dataplane.operator.api.v1alpha1.NfvNodeStateSpec;
import java.util.List;
import java.util.Set;

/**
 * Result of merging every policy that selects one node.
 *
 * @param spec the NfvNodeState spec to write (without disruptionAllowed, which the budget decides); shares
 *     immutable sections with the compiled policies, so treat it as read-only
 * @param conflicts where a policy lost a contested setting to another on this node
 * @param problems invalid parts that depend on this node (its inventory)
 * @param awaitingInventory policies whose SR-IOV pools cannot resolve to PFs before the agent reports
 *     the node's NICs
 * @param unmatchedPools pools ({@code policy/pool}) whose NIC selector matched no PF of this node
 */
public record NodeIntent(NfvNodeStateSpec spec, List<Conflict> conflicts, List<Problem> problems,
        Set<String> awaitingInventory, List<String> unmatchedPools) {
}

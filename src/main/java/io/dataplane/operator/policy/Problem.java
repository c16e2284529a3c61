package io.dataplane.operator.policy;

/**
 * A part of a policy that is not applied because it is invalid: everywhere ({@code node} null, e.g. a
 * resourceName clash) or on one node (e.g. CPUs the node does not have). {@code reason} is one of
 * {@link PolicyReasons}.
 */
public record Problem(String policy, String node, String reason, String field, String message) {
}

package io.dataplane.operator.host;

/** What an apply primitive did, decided from what it read back afterwards. */
public enum Outcome {
    /** The host already matched; nothing was written. */
    UNCHANGED,
    /** Written, and the read-back matches the request. */
    APPLIED,
    /** Written, but the read-back shows less than asked (fewer VFs, fewer huge pages). */
    PARTIAL,
    /** Not written: the change disrupts workloads and the caller did not allow it. */
    NEEDS_DISRUPTION,
    /** The kernel refused, or the read-back does not match. */
    FAILED
}

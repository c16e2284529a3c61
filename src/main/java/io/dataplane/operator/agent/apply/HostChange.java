package io.dataplane.operator.agent.apply;

import io.dataplane.operator.host.HostFs;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One pass of the steps over the host. In {@link Mode#PLAN} nothing is written and every
 * disruptive change is listed as pending, so the agent knows whether it must cordon and drain
 * before it applies; in {@link Mode#APPLY} the steps write, and a disruptive change is made only
 * when allowed.
 */
final class HostChange {

    enum Mode {
        PLAN,
        APPLY
    }

    final HostFs fs;
    final OwnedState owned;
    final OwnedStateStore store;
    final Mode mode;
    final boolean allowDisruptive;
    /** First pass after a reboot for a generation applied before: what the boot reset comes back without a new grant. */
    final boolean rebootReapply;
    final ApplyReport report = new ApplyReport();
    /** PFs whose VF count waits for a grant: their VFs are left alone this pass. */
    final Set<String> pendingPfs = new HashSet<>();
    /** Services to restart at the end of the pass, with why (kubelet: huge pages changed). */
    final Map<String, String> restartReasons = new LinkedHashMap<>();

    HostChange(HostFs fs, OwnedState owned, OwnedStateStore store, Mode mode, boolean allowDisruptive, boolean rebootReapply) {
        this.fs = fs;
        this.owned = owned;
        this.store = store;
        this.mode = mode;
        this.allowDisruptive = allowDisruptive;
        this.rebootReapply = rebootReapply;
    }

    /**
     * Whether to make a change now. A disruptive change without permission is recorded as pending;
     * in PLAN mode nothing is made.
     */
    boolean proceed(boolean disruptive, String description) {
        if (disruptive && !(mode == Mode.APPLY && allowDisruptive)) {
            report.pending.add(description);
            return false;
        }
        return mode == Mode.APPLY;
    }

    boolean applying() {
        return mode == Mode.APPLY;
    }

    /** Persists what the agent owns; call before the change it records. */
    void save() {
        store.save(owned);
    }

    void problem(String reason, String message) {
        if (applying()) {
            report.problems.add(new ApplyReport.Problem(reason, message));
        }
    }

    void changed(String what) {
        if (applying()) {
            report.changes.add(what);
        }
    }
}

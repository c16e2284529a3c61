package io.dataplane.operator.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.api.v1alpha1.ComponentStatus;
import io.dataplane.operator.api.v1alpha1.NfvOperatorConfigStatus;
import io.dataplane.operator.controller.Conditions;
import io.dataplane.operator.controller.config.ComponentStatusCalculator.Observed;
import io.dataplane.operator.render.components.Component;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComponentStatusCalculatorTest {
    static final String T0 = "2026-11-29T10:00:00Z";
    static final String T1 = "2026-11-29T10:05:00Z";

    /** generation, observedGeneration (null: never processed), desired, updated, ready, available. */
    static DaemonSet ds(long generation, Long observed, int desired, int updated, int ready, int available) {
        return new DaemonSetBuilder().withNewMetadata().withName("dataplane-multus").withGeneration(generation).endMetadata()
                .withStatus(new DaemonSetStatusBuilder().withObservedGeneration(observed)
                        .withDesiredNumberScheduled(desired).withUpdatedNumberScheduled(updated)
                        .withNumberReady(ready).withNumberAvailable(available).build())
                .build();
    }

    static Stream<Arguments> rollouts() {
        return Stream.of(
                Arguments.of("not created yet", null,
                        "False", "Deploying", "True", "Deploying", "creating DaemonSet dataplane-multus"),
                Arguments.of("created, not processed (zero counts, no observedGeneration)", ds(1, null, 0, 0, 0, 0),
                        "False", "Deploying", "True", "RollingOut", "waiting for the DaemonSet controller"),
                Arguments.of("first rollout, 9 of 12 ready", ds(1, 1L, 12, 12, 9, 9),
                        "False", "AwaitingNodes", "True", "AwaitingNodes", "DaemonSet dataplane-multus awaiting 3 of 12 nodes (12 updated, 9 ready)"),
                Arguments.of("all nodes ready", ds(1, 1L, 12, 12, 12, 12),
                        "True", "AsExpected", "False", "AsExpected", "DaemonSet dataplane-multus is up to date on 12 nodes"),
                Arguments.of("new version not yet seen by the controller", ds(2, 1L, 12, 12, 12, 12),
                        "True", "AsExpected", "True", "RollingOut", "waiting for the DaemonSet controller"),
                Arguments.of("rolling, one node down", ds(2, 2L, 12, 5, 11, 11),
                        "True", "AsExpected", "True", "RollingOut", "DaemonSet dataplane-multus awaiting 7 of 12 nodes (5 updated, 11 ready)"),
                Arguments.of("rolling, two nodes down", ds(2, 2L, 12, 5, 10, 10),
                        "False", "AwaitingNodes", "True", "RollingOut", "awaiting 7 of 12 nodes"),
                Arguments.of("updated but not ready yet", ds(2, 2L, 3, 3, 2, 2),
                        "True", "AsExpected", "True", "AwaitingNodes", "awaiting 1 of 3 nodes (3 updated, 2 ready)"),
                Arguments.of("no node selected", ds(1, 1L, 0, 0, 0, 0),
                        "True", "NoNodes", "False", "AsExpected", "is up to date on 0 nodes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rollouts")
    void componentConditionsFollowTheDaemonSet(String what, DaemonSet ds, String available, String availableReason,
            String progressing, String progressingReason, String progressingMessage) {
        ComponentStatus s = ComponentStatusCalculator.component(observed(ds, null), null, 3L, T0);

        assertThat(condition(s.getConditions(), Conditions.AVAILABLE)).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly(available, availableReason);
        Condition p = condition(s.getConditions(), Conditions.PROGRESSING);
        assertThat(p.getStatus()).isEqualTo(progressing);
        assertThat(p.getReason()).isEqualTo(progressingReason);
        assertThat(p.getMessage()).contains(progressingMessage);
        assertThat(condition(s.getConditions(), Conditions.DEGRADED).getStatus()).isEqualTo("False");
        assertThat(s.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
        assertThat(s.getImage()).isEqualTo("registry.test/multus:2");
    }

    @Test
    void countsComeFromTheDaemonSetStatus() {
        ComponentStatus s = ComponentStatusCalculator.component(observed(ds(2, 2L, 12, 5, 11, 10), null), null, 1L, T0);
        assertThat(s.getDesiredNodes()).isEqualTo(12);
        assertThat(s.getUpdatedNodes()).isEqualTo(5);
        assertThat(s.getReadyNodes()).isEqualTo(11);
        assertThat(s.getEnabled()).isTrue();
        assertThat(s.getName()).isEqualTo("multus");
    }

    @Test
    void aWriteFailureIsDegradedWithItsReason() {
        Observed failed = new Observed(Component.MULTUS, true, "registry.test/multus:2", ds(1, 1L, 3, 3, 3, 3),
                ComponentStatusCalculator.REASON_FAILED_TO_APPLY, "writing DaemonSet dataplane-multus failed: Forbidden");

        NfvOperatorConfigStatus status = ComponentStatusCalculator.status(List.of(failed), null, 1L, T0);

        Condition degraded = condition(status.getComponents().get(0).getConditions(), Conditions.DEGRADED);
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("FailedToApply");
        assertThat(condition(status.getConditions(), Conditions.DEGRADED).getMessage()).contains("multus: writing DaemonSet");
        assertThat(condition(status.getConditions(), "MultusReady").getStatus()).as("degraded is not ready").isEqualTo("False");
        assertThat(condition(status.getConditions(), Conditions.READY).getStatus()).isEqualTo("False");
    }

    @Test
    void readyWhenEveryEnabledComponentIsAvailableAndDisabledOnesAreLeftOut() {
        List<Observed> observed = new ArrayList<>();
        for (Component c : Component.values()) {
            observed.add(c == Component.DEVICE_PLUGIN ? Observed.disabled(c)
                    : new Observed(c, true, "img", ds(1, 1L, 3, 3, 3, 3), null, null));
        }

        NfvOperatorConfigStatus status = ComponentStatusCalculator.status(observed, null, 4L, T0);

        assertThat(condition(status.getConditions(), Conditions.READY)).extracting(Condition::getStatus, Condition::getReason,
                Condition::getMessage).containsExactly("True", "AllComponentsReady", "all 3 enabled components are ready");
        assertThat(status.getConditions()).extracting(Condition::getType)
                .containsExactly("AgentReady", "MultusReady", "CniPluginsReady", Conditions.READY, Conditions.PROGRESSING,
                        Conditions.DEGRADED);
        ComponentStatus devicePlugin = status.getComponents().get(3);
        assertThat(devicePlugin.getEnabled()).isFalse();
        assertThat(devicePlugin.getConditions()).isEmpty();
        assertThat(status.getObservedGeneration()).isEqualTo(4L);
    }

    @Test
    void notReadyNamesTheComponentsAndWhy() {
        List<Observed> observed = List.of(
                new Observed(Component.AGENT, true, "img", ds(1, 1L, 3, 3, 3, 3), null, null),
                new Observed(Component.MULTUS, true, "img", ds(1, 1L, 12, 12, 9, 9), null, null));

        NfvOperatorConfigStatus status = ComponentStatusCalculator.status(observed, null, 1L, T0);

        Condition ready = condition(status.getConditions(), Conditions.READY);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getMessage()).isEqualTo("multus: DaemonSet dataplane-multus awaiting 3 of 12 nodes (12 updated, 9 ready)");
        assertThat(condition(status.getConditions(), Conditions.PROGRESSING).getMessage()).startsWith("multus: ");
    }

    @Test
    void switchingAComponentOffDropsItsReadyCondition() {
        List<Observed> on = List.of(new Observed(Component.MULTUS, true, "img", ds(1, 1L, 3, 3, 3, 3), null, null));
        NfvOperatorConfigStatus before = ComponentStatusCalculator.status(on, null, 1L, T0);
        assertThat(before.getConditions()).extracting(Condition::getType).contains("MultusReady");

        NfvOperatorConfigStatus after = ComponentStatusCalculator.status(List.of(Observed.disabled(Component.MULTUS)),
                before, 2L, T1);

        assertThat(after.getConditions()).extracting(Condition::getType).doesNotContain("MultusReady");
    }

    /** The same observation later gives an equal status: nothing to write, transition times kept. */
    @Test
    void anUnchangedObservationGivesTheSameStatus() {
        List<Observed> observed = List.of(new Observed(Component.MULTUS, true, "img", ds(1, 1L, 12, 12, 9, 9), null, null));
        NfvOperatorConfigStatus first = ComponentStatusCalculator.status(observed, null, 1L, T0);

        NfvOperatorConfigStatus again = ComponentStatusCalculator.status(observed, first, 1L, T1);

        assertThat(ComponentStatusCalculator.same(first, again)).isTrue();

        List<Observed> progressed = List.of(new Observed(Component.MULTUS, true, "img", ds(1, 1L, 12, 12, 11, 11), null, null));
        NfvOperatorConfigStatus later = ComponentStatusCalculator.status(progressed, first, 1L, T1);
        assertThat(ComponentStatusCalculator.same(first, later)).isFalse();
        Condition progressing = condition(later.getComponents().get(0).getConditions(), Conditions.PROGRESSING);
        assertThat(progressing.getLastTransitionTime()).as("still progressing: transition time kept").isEqualTo(T0);
        assertThat(progressing.getMessage()).contains("awaiting 1 of 12");
        Condition available = condition(later.getComponents().get(0).getConditions(), Conditions.AVAILABLE);
        assertThat(available.getStatus()).isEqualTo("True");
        assertThat(available.getLastTransitionTime()).as("became available: new transition time").isEqualTo(T1);
    }

    @Test
    void aDisabledComponentWhoseObjectsCannotBeRemovedIsDegraded() {
        Observed stuck = new Observed(Component.DEVICE_PLUGIN, false, null, null,
                ComponentStatusCalculator.REASON_FAILED_TO_APPLY, "removing objects of device-plugin failed: Forbidden");

        NfvOperatorConfigStatus status = ComponentStatusCalculator.status(List.of(stuck), null, 1L, T0);

        assertThat(condition(status.getComponents().get(0).getConditions(), Conditions.DEGRADED).getStatus()).isEqualTo("True");
        assertThat(condition(status.getConditions(), Conditions.DEGRADED).getReason()).isEqualTo("FailedToApply");
    }

    private static Observed observed(DaemonSet ds, String failure) {
        return new Observed(Component.MULTUS, true, "registry.test/multus:2", ds, failure, failure);
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return Conditions.find(conditions, type).orElseThrow(() -> new AssertionError("no " + type + " in " + conditions));
    }
}

package io.dataplane.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisruptionBudgetTest {

    @ParameterizedTest(name = "maxUnavailable {0} of {1} nodes -> {2}")
    @CsvSource(nullValues = "absent", value = {
        "absent, 10, 1",
        "3, 10, 3",
        "0, 10, 0",
        "25%, 10, 2",   // 2.5 rounded down
        "25%, 2, 1",    // rounds to 0, but a non-zero percentage allows one
        "0%, 10, 0",
        "100%, 7, 7",
        "50%, 5, 2",
        "10%, 0, 1",
        "20, 3, 20",
    })
    void allowance(String maxUnavailable, int matched, int expected) {
        IntOrString value = maxUnavailable == null ? null
                : maxUnavailable.endsWith("%") ? new IntOrString(maxUnavailable) : new IntOrString(Integer.parseInt(maxUnavailable));
        assertThat(DisruptionBudget.allowance(value, matched)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "maxUnavailable {0} unbounded: {1}")
    @CsvSource(nullValues = "absent", value = {
        "absent, false",  // one at a time
        "100%, true",
        "150%, true",     // more than every node is every node
        "99%, false",
        "0%, false",
        "1000, false",    // an integer above today's node count: nodes may join before the next decision
    })
    void unbounded(String maxUnavailable, boolean expected) {
        IntOrString value = maxUnavailable == null ? null
                : maxUnavailable.endsWith("%") ? new IntOrString(maxUnavailable) : new IntOrString(Integer.parseInt(maxUnavailable));
        assertThat(DisruptionBudget.unbounded(value)).isEqualTo(expected);
    }

    /**
     * Nodes as "name:policy+policy:flags" with flags r (requested), g (granted), s (grant spent); budgets as
     * "policy=n"; the expected holders after the decision.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "three wait, budget 1: the first by name   | n3:p:r n1:p:r n2:p:r             | p=1      | n1",
        "three wait, budget 2                      | n1:p:r n2:p:r n3:p:r             | p=2      | n1 n2",
        "a node in its change keeps the slot       | n1:p:r n2:p:g n3:p:r             | p=1      | n2",
        "a spent grant frees the slot              | n1:p:gs n2:p:r                   | p=1      | n2",
        "a spent grant asked again waits in line   | n2:p:gsr n1:p:r n3:p:gs          | p=1      | n1",
        "... and takes its turn by name            | n1:p:gsr n2:p:r                  | p=1      | n1",
        "a failed node keeps its grant and counts  | n1:p:g n2:p:r                    | p=1      | n1",
        "several policies: the strictest budget    | n1:a+b:g n2:a:r n3:a+b:r         | a=2 b=1  | n1 n2",
        "no head-of-line blocking by a full policy | n0:b:g n1:a+b:r n2:a:r           | a=1 b=1  | n0 n2",
        "maxUnavailable 0 grants nothing new       | n1:p:g n2:p:r                    | p=0      | n1",
        "unselected nodes revert one at a time     | n1::r n2::r                      | -        | n1",
        "a lowered budget revokes nothing          | n1:p:g n2:p:g n3:p:r             | p=1      | n1 n2",
        "nothing asked, nothing granted            | n1:p: n2:p:gs                    | p=1      | -",
        "policies without a budget entry allow one | n1:q:r n2:q:r                    | -        | n1",
    })
    void holders(String name, String nodes, String budgets, String expected) {
        List<DisruptionBudget.NodeState> states = new ArrayList<>();
        for (String n : nodes.trim().split("\\s+")) {
            String[] p = n.split(":", -1);
            String flags = p[2];
            states.add(new DisruptionBudget.NodeState(p[0], p[1].isEmpty() ? List.of() : Arrays.asList(p[1].split("\\+")),
                    flags.contains("r"), flags.contains("g"), flags.contains("s"), 1));
        }
        Map<String, Integer> allowance = new HashMap<>();
        if (!budgets.trim().equals("-")) {
            for (String b : budgets.trim().split("\\s+")) {
                allowance.put(b.split("=")[0], Integer.parseInt(b.split("=")[1]));
            }
        }
        Set<String> want = expected.trim().equals("-") ? Set.of() : Set.of(expected.trim().split("\\s+"));
        assertThat(DisruptionBudget.holders(states, allowance)).containsExactlyInAnyOrderElementsOf(want);
    }
}

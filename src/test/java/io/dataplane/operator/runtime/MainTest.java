package io.dataplane.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which process the artifact starts: the property wins over the environment, the operator is the default. */
class MainTest {

    @ParameterizedTest(name = "property={0} env={1} -> agent {2}")
    @CsvSource(nullValues = "null", textBlock = """
            null,     null,     false
            null,     agent,    true
            null,     AGENT,    true
            null,     operator, false
            null,     '',       false
            operator, agent,    false
            agent,    operator, true
            ' agent', null,     true
            """)
    void theModeDecidesTheProcess(String property, String env, boolean agent) {
        assertThat(Main.agentMode(property, env)).isEqualTo(agent);
    }

    @org.junit.jupiter.api.Test
    void anUnknownModeIsRefusedByName() {
        assertThatThrownBy(() -> Main.agentMode(null, "agnet"))
                .hasMessage("dataplane.mode (DATAPLANE_MODE): agnet is not one of operator, agent");
    }
}

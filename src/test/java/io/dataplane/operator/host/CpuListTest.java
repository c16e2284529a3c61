package io.dataplane.operator.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuListTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0-3          | 4  | 0-3
            0-7,16-23    | 16 | 0-7,16-23
            0,2,4        | 3  | 0,2,4
            3,1,2        | 3  | 1-3
            0,1          | 2  | 0-1
            5            | 1  | 5
            """)
    void parsesAndFormatsLikeTheKernel(String in, int count, String formatted) {
        assertThat(CpuList.parse(in)).hasSize(count);
        assertThat(CpuList.format(CpuList.parse(in))).isEqualTo(formatted);
    }

    @Test
    void emptyAndInvalid() {
        assertThat(CpuList.parse(" ")).isEmpty();
        assertThat(CpuList.format(List.of())).isEmpty();
        assertThatThrownBy(() -> CpuList.parse("4-2")).isInstanceOf(IllegalArgumentException.class);
    }
}

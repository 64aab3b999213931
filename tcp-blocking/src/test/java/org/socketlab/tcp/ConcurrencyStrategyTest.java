package org.socketlab.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConcurrencyStrategyTest {

    @Test
    void parsesTheCommandLineSpellings() {
        assertThat(ConcurrencyStrategy.parse("virtual").name()).isEqualTo("virtual-threads");
        assertThat(ConcurrencyStrategy.parse("iterative").name()).isEqualTo("iterative");
        assertThat(ConcurrencyStrategy.parse("thread").name()).isEqualTo("thread-per-connection");
        assertThat(ConcurrencyStrategy.parse("pool:4").name()).isEqualTo("fixed-pool-4");
    }

    @Test
    void rejectsUnknownSpellingsWithTheAcceptedOnes() {
        assertThatThrownBy(() -> ConcurrencyStrategy.parse("forks"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"forks\"").hasMessageContaining("pool:N");
        assertThatThrownBy(() -> ConcurrencyStrategy.parse("pool:x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"x\"");
        assertThatThrownBy(() -> ConcurrencyStrategy.fixedPool(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

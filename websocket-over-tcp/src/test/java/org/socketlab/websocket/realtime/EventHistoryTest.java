package org.socketlab.websocket.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class EventHistoryTest {

    private static EventHistory<Long> historyOf(int capacity, long upTo) {
        EventHistory<Long> history = new EventHistory<>(capacity, id -> id);
        for (long id = 1; id <= upTo; id++) {
            history.append(id);
        }
        return history;
    }

    @Test
    void resumeReturnsEverythingAfterTheId_oldestFirst() {
        EventHistory.Resume<Long> resume = historyOf(10, 5).after(2);
        assertThat(resume.events()).containsExactly(3L, 4L, 5L);
        assertThat(resume.gap()).isFalse();
    }

    @Test
    void resumeFromTheNewestId_isEmpty() {
        assertThat(historyOf(10, 5).after(5).events()).isEmpty();
        assertThat(historyOf(10, 0).after(0).events()).isEmpty();
    }

    @Test
    void ringForgetsTheOldest_andResumeReportsTheGap() {
        EventHistory<Long> history = historyOf(3, 10);
        assertThat(history.oldestId()).isEqualTo(8);
        EventHistory.Resume<Long> resume = history.after(4);
        assertThat(resume.events()).containsExactly(8L, 9L, 10L);
        assertThat(resume.gap()).isTrue();
        assertThat(resume.missed()).isEqualTo(3); // 5, 6 and 7 fell out
        assertThat(history.size()).isEqualTo(3);
    }

    @Test
    void idsMustGrowByOne() {
        EventHistory<Long> history = historyOf(3, 2);
        assertThatThrownBy(() -> history.append(4L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after 2 came 4");
    }
}

package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The instructor additions to the report: report.txt with failure details, hidden suites' visibility. */
class GradingReportTextAndVisibilityTest {

    private static List<GradedTest> tests() {
        GradedTest visible = new GradedTest("09", "Lab09FramesAndMaskingGradingTest", "Your masking works", 2);
        visible.failed("Scenario: mask\nFailed at step 1: expected 0x7f, got 0x00");
        GradedTest hidden = new GradedTest("09", "Lab09Utf8HiddenGradingTest", "Your validator rejects surrogates", 1);
        hidden.passed();
        return List.of(visible, hidden);
    }

    @Test
    void textReportHasTheTableThenEachFailureWithItsDetails() {
        String text = new GradingReport(tests(), 1.0).textReport();

        assertThat(text).contains("Lab 09 (Lab09FramesAndMaskingGradingTest, Lab09Utf8HiddenGradingTest)")
                .contains("TOTAL 1/3 points")
                .contains("---- Lab 09: Your masking works (2 points lost)")
                .contains("    Failed at step 1: expected 0x7f, got 0x00")
                .doesNotContain("Your validator rejects surrogates (");
    }

    @Test
    void aFailedTestNamesItsLabsRemainingTodoStubs() {
        String text = new GradingReport(tests(), 1.0, Set.of(),
                Map.of("09", List.of("x/Masking.java:28  mask the payload"))).textReport();

        assertThat(text).contains("Lab 09 still has TODO stubs in your code (replace each throw):\n      x/Masking.java:28  mask the payload");
    }

    @Test
    void hiddenSuitesAreShownToStudentsOnlyAfterPublication() {
        Map<String, Object> document = new GradingReport(tests(), 1.0, Set.of("Lab09Utf8HiddenGradingTest")).toGradescope();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) document.get("tests");
        assertThat(entries).extracting(entry -> entry.get("visibility")).containsExactly("visible", "after_published");
    }
}

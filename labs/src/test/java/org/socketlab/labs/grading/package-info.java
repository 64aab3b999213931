/**
 * Grading: suites {@code LabNN<Name>GradingTest} whose tests carry {@link
 * org.socketlab.labs.grading.Points} and a {@code @DisplayName} sentence for the student;
 * {@link org.socketlab.labs.grading.GradingAssertions} for CS144-style failure reports; and
 * {@link org.socketlab.labs.grading.GradingReportListener}, which JUnit loads as a service and
 * which prints a score table per lab and writes {@code labs/target/grading/results.json}.
 *
 * <h2>Concurrency contract</h2>
 * The listener's callbacks are synchronised (JUnit may report from several threads). A
 * {@code Scenario} belongs to one test and its thread.
 */
package org.socketlab.labs.grading;

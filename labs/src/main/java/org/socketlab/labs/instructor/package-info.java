/**
 * Instructor toolkit: solution regions ({@link org.socketlab.labs.instructor.SolutionMarkers}),
 * the starter generator ({@link org.socketlab.labs.instructor.StarterGenerator}) and the grading
 * command ({@link org.socketlab.labs.instructor.Grade}), which runs the labs' grading suites —
 * plus any hidden tests — against this repository or a starter folder.
 *
 * <h2>Concurrency contract</h2>
 * Command-line tools, single-threaded. {@code SolutionMarkers} and {@code Repository} are
 * stateless or immutable and thread-safe; one {@code Grade} run at a time per target folder
 * (it writes the target's {@code labs/target/grading/}).
 */
package org.socketlab.labs.instructor;

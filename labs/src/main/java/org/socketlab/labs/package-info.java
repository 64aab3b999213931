/**
 * Numbered lab mains ({@code LabNN<Name>}), the {@link org.socketlab.labs.LabLauncher} that
 * lists and runs them, and the {@link org.socketlab.labs.Narrator} they print their story with.
 *
 * <h2>Conventions</h2>
 * A lab is any top-level class {@code org.socketlab.labs.LabNN<Name>} with
 * {@code public static void main(String[])}; {@link org.socketlab.labs.LabCatalog} finds it
 * on the class path, so there is no registry to edit. Optional {@code static final String
 * TITLE} and {@code SUMMARY} appear in the list. A lab main ends by itself within seconds,
 * uses loopback and port 0, and names the system call behind each step.
 *
 * <h2>Concurrency contract</h2>
 * Lab mains run on the main thread and may start servers and client threads of their own;
 * they stop everything they started before returning. {@code Narrator} prints each line
 * atomically; the catalog and launcher are stateless.
 */
package org.socketlab.labs;

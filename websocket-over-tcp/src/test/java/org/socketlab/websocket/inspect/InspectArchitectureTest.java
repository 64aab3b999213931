package org.socketlab.websocket.inspect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dissectors are pure (package-info): no sockets, no threads, no clock — only WireTapMain wires in the tap. */
class InspectArchitectureTest {

    private static JavaClasses inspect;

    @BeforeAll
    static void importInspect() {
        // Our classes only; JDK classes stay stubs known by name (as in SansIoArchitectureTest: fast).
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            inspect = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.socketlab.websocket.inspect");
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void dissectorsUseNoNetworkNoThreadsNoClock() {
        noClasses().that().resideInAPackage("org.socketlab.websocket.inspect")
                .and().doNotHaveSimpleName("WireTapMain")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "javax.net..", "java.nio.channels..")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.socketlab.tcp.wire.WireTap")
                .because("a dissector is bytes in, lines out; the tap owns sockets, threads and time")
                .check(inspect);
    }
}

package org.socketlab.websocket.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket core is sans-I/O (DESIGN.md, "Rules of the house"): the packages frame, http,
 * handshake and protocol touch no socket, start no thread and read no clock. Time is passed in
 * as {@code long nowNanos}; the adapters in server/ and client/ own I/O, threads and clocks.
 * This test keeps the rule from rotting; it covers packages that land later too.
 */
class SansIoArchitectureTest {

    private static final String[] CORE = {
        "org.socketlab.websocket.frame..",
        "org.socketlab.websocket.http..",
        "org.socketlab.websocket.handshake..",
        "org.socketlab.websocket.protocol..",
        "org.socketlab.websocket.extension..",
    };

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        // Only our classes are imported; JDK classes stay stubs known by name, which is all these
        // rules need (and the import does not have to read half of the JDK).
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            core = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.socketlab.websocket");
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(true).check(core);
    }

    @Test
    void coreDoesNotUseTheNetwork() {
        check(noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "javax.net..", "java.nio.channels..")
                .because("the core is sans-I/O: bytes in, bytes out; sockets live in server/ and client/"));
    }

    @Test
    void coreStartsNoThreads() {
        check(noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ExecutorService")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
                .because("protocol objects are driven by their owner's thread; no Thread, no Thread.sleep"));
    }

    @Test
    void coreReadsNoClock() {
        check(noClasses().that().resideInAnyPackage(CORE)
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.InterruptedException")
                .because("time is passed in as long nowNanos so that tests are deterministic"));
    }
}

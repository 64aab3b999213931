package org.socketlab.websocket.socketio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Socket.IO layers stay visible: the packet codec is pure (no network, no threads, no
 * Engine.IO), and Engine.IO knows nothing of Socket.IO above it.
 */
class SocketIoLayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.socketlab.websocket.socketio");
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    @Test
    void parserIsPure() {
        noClasses().that().resideInAPackage("org.socketlab.websocket.socketio.parser..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "org.socketlab.websocket.socketio.engine..")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .because("the Socket.IO codec is bytes and strings in, packets out")
                .check(classes);
    }

    @Test
    void engineDoesNotKnowSocketIo() {
        noClasses().that().resideInAPackage("org.socketlab.websocket.socketio.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.socketlab.websocket.socketio",
                        "org.socketlab.websocket.socketio.parser..")
                .because("Engine.IO carries opaque messages; Socket.IO is the layer above")
                .check(classes);
    }

    @Test
    void engineCodecIsPure() {
        noClasses().that().haveFullyQualifiedName("org.socketlab.websocket.socketio.engine.EngineCodec")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..")
                .check(classes);
    }
}

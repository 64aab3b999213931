package org.socketlab.websocket.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.http.HttpRequestParser;
import org.socketlab.websocket.transport.WebSocketConnection;

/**
 * The front door's rules (DESIGN.md, "The front door"): one connection loop reads HTTP requests
 * off sockets, and one upgrade path (plus the client) builds WebSocket connections. A server that
 * grew its own request loop or its own upgrade — as Engine.IO, the ticker and the WebSocket
 * server each had — would get its own limits and its own bugs again.
 */
class FrontDoorArchitectureTest {

    /** The connection loop: the only class that feeds a socket's bytes to the request parser. */
    private static final String CONNECTION_LOOP = "org.socketlab.websocket.server.HttpConnection";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.socketlab.websocket");
    }

    @Test
    void onlyServerAndClientConstructAWebSocketConnection() {
        DescribedPredicate<JavaConstructorCall> constructsConnection =
                DescribedPredicate.describe("construct a WebSocketConnection",
                        call -> call.getTargetOwner().isEquivalentTo(WebSocketConnection.class));
        noClasses().that().resideOutsideOfPackages("org.socketlab.websocket.server..", "org.socketlab.websocket.client..")
                .should().callConstructorWhere(constructsConnection)
                .check(classes);
    }

    @Test
    void onlyTheFrontDoorsConnectionLoopParsesRequests() {
        noClasses().that().resideOutsideOfPackage("org.socketlab.websocket.http..")
                .and().doNotHaveFullyQualifiedName(CONNECTION_LOOP)
                // A warm-up parses fixed requests in memory at start (no socket) so that the first
                // real client does not pay for class loading: see socketio.engine.EngineWarmup.
                .and().haveSimpleNameNotEndingWith("Warmup")
                .should().dependOnClassesThat().areAssignableTo(HttpRequestParser.class)
                .because("requests are read off sockets by the front door's connection loop only (issue 16)")
                .check(classes);
    }
}

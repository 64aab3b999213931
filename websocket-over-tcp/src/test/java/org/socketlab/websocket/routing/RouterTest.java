package org.socketlab.websocket.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Route selection per message, as API Gateway does it — pure, no sockets. */
class RouterTest {

    private static final RouteHandler NOOP = context -> { };
    private final Router router = new Router(RouteSelectionExpression.parse("$request.body.action"),
            Map.of("sendmessage", NOOP, "join", NOOP), Optional.of(NOOP));

    private static Optional<String> key(Router router, String text) {
        return router.select(text).routeKey();
    }

    @Nested
    class CustomRoutes {
        @Test
        void matchingKey_selectsItsRoute_andKeepsTheParsedBody() {
            RouteSelection selection = router.select("{\"action\":\"sendmessage\",\"text\":\"hi\"}");
            assertThat(selection.routeKey()).contains("sendmessage");
            assertThat(selection.body()).get().extracting(body -> body.get("text").asText()).isEqualTo("hi");
        }

        @Test
        void whitespaceAroundTheJson_isFine() {
            assertThat(key(router, "  \n{\"action\":\"join\"}\t")).contains("join");
        }

        @Test
        void nestedExpression_selectsByTheNestedKey() {
            Router nested = new Router(RouteSelectionExpression.parse("$request.body.meta.action"),
                    Map.of("join", NOOP), Optional.of(NOOP));
            assertThat(key(nested, "{\"meta\":{\"action\":\"join\"}}")).contains("join");
            assertThat(key(nested, "{\"action\":\"join\"}")).contains(RouteKeys.DEFAULT);
        }
    }

    @Nested
    class DefaultRoute {
        @ParameterizedTest
        @ValueSource(strings = {"hello", "", "   ", "{", "{\"action\":\"join\"", "{\"action\":\"join\"} trailing",
                "{\"action\":\"join\"}{\"action\":\"x\"}", "{\"text\":\"no action\"}", "{\"action\":7}",
                "{\"action\":\"unknown\"}", "{\"action\":\"SENDMESSAGE\"}", "[1,2]", "42", "null"})
        void notJsonMissingOrUnknownKey_goesToDefault(String text) {
            assertThat(key(router, text)).contains(RouteKeys.DEFAULT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"$connect", "$disconnect", "$default"})
        void aMessageCannotSelectAPredefinedRoute(String reserved) {
            RouteSelection selection = router.select("{\"action\":\"" + reserved + "\"}");
            assertThat(selection.routeKey()).contains(RouteKeys.DEFAULT);
            assertThat(selection.body()).isPresent();
        }

        @Test
        void notJson_hasNoBody() {
            assertThat(router.select("hello").body()).isEmpty();
        }

        @Test
        void binaryMessage_goesToDefault() {
            assertThat(router.selectBinary().routeKey()).contains(RouteKeys.DEFAULT);
        }

        @Test
        void withoutDefaultRoute_unmatchedSelectsNothing() {
            Router strict = new Router(RouteSelectionExpression.parse("$request.body.action"),
                    Map.of("join", NOOP), Optional.empty());
            assertThat(key(strict, "{\"action\":\"join\"}")).contains("join");
            assertThat(key(strict, "{\"action\":\"other\"}")).isEmpty();
            assertThat(key(strict, "not json")).isEmpty();
            assertThat(strict.selectBinary().routeKey()).isEmpty();
        }
    }

    @Nested
    class Registration {
        @Test
        void reservedCustomKey_isRefused() {
            assertThatThrownBy(() -> new Router(RouteSelectionExpression.parse("$request.body.action"),
                    Map.of("$connect", NOOP), Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        }

        @Test
        void handlerLookup_forDefaultAndCustom() {
            assertThat(router.handler("join")).isSameAs(NOOP);
            assertThat(router.handler(RouteKeys.DEFAULT)).isSameAs(NOOP);
            assertThatThrownBy(() -> router.handler("nope")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

package org.socketlab.websocket.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code $request.body.<path>}: parsed once, evaluated on Jackson's tree. */
class RouteSelectionExpressionTest {

    private static JsonNode json(String text) throws Exception {
        return Router.JSON.readTree(text);
    }

    @Nested
    class Parsing {
        @Test
        void topLevelKey() {
            assertThat(RouteSelectionExpression.parse("$request.body.action").path()).containsExactly("action");
        }

        @Test
        void nestedPath() {
            assertThat(RouteSelectionExpression.parse("$request.body.meta.route.name").path())
                    .containsExactly("meta", "route", "name");
        }

        @Test
        void bracedSpelling_isTheSameExpression() {
            assertThat(RouteSelectionExpression.parse("${request.body.action}").path()).containsExactly("action");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "$request.body", "$request.body.", "$request.body..x", "$request.body.a.",
                "$request.header.action", "request.body.action", "$request.body.a b", "$request.body.a\tb"})
        void malformed_isRefusedNamingTheRule(String expression) {
            assertThatThrownBy(() -> RouteSelectionExpression.parse(expression))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("route selection expression")
                    .hasMessageContaining("$request.body.action");
        }

        @Test
        void tooDeep_isRefused() {
            String deep = "$request.body" + ".a".repeat(33);
            assertThatThrownBy(() -> RouteSelectionExpression.parse(deep)).hasMessageContaining("33 segments");
        }
    }

    @Nested
    class Evaluation {
        private final RouteSelectionExpression action = RouteSelectionExpression.parse("$request.body.action");
        private final RouteSelectionExpression nested = RouteSelectionExpression.parse("$request.body.meta.action");

        @Test
        void stringValue_isTheRouteKey() throws Exception {
            assertThat(action.evaluate(json("{\"action\":\"sendmessage\",\"data\":1}"))).contains("sendmessage");
        }

        @Test
        void nestedStringValue_isTheRouteKey() throws Exception {
            assertThat(nested.evaluate(json("{\"meta\":{\"action\":\"join\"}}"))).contains("join");
        }

        @Test
        void digitSegment_indexesAnArray() throws Exception {
            RouteSelectionExpression first = RouteSelectionExpression.parse("$request.body.steps.0.kind");
            assertThat(first.evaluate(json("{\"steps\":[{\"kind\":\"ping\"}]}"))).contains("ping");
            assertThat(first.evaluate(json("{\"steps\":[]}"))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"other\":\"x\"}", "{\"action\":42}", "{\"action\":true}", "{\"action\":null}",
                "{\"action\":{\"x\":\"y\"}}", "{\"action\":[\"x\"]}", "[\"action\"]", "\"action\"", "7"})
        void missingOrNonStringKey_selectsNothing(String body) throws Exception {
            assertThat(action.evaluate(json(body))).isEmpty();
        }

        @Test
        void nestedPathThroughANonObject_selectsNothing() throws Exception {
            assertThat(nested.evaluate(json("{\"meta\":\"action\"}"))).isEmpty();
            assertThat(nested.evaluate(json("{\"meta\":null}"))).isEmpty();
            assertThat(nested.evaluate(json("{\"action\":\"top-level-only\"}"))).isEmpty();
        }

        @Test
        void keysAreCaseSensitive() throws Exception {
            assertThat(action.evaluate(json("{\"Action\":\"x\"}"))).isEmpty();
        }

        @Test
        void emptyString_isAKeyToo() throws Exception {
            assertThat(action.evaluate(json("{\"action\":\"\"}"))).contains("");
        }
    }
}

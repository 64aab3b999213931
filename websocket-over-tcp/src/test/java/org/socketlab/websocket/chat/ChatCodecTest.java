package org.socketlab.websocket.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatCodecTest {

    @Test
    void decodesEveryCommand() throws ChatRejection {
        assertThat(ChatCodec.decode("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"ana\"}"))
                .isEqualTo(new ChatCommand.Join("lobby", "ana"));
        assertThat(ChatCodec.decode("{\"text\":\"hi\",\"type\":\"message\",\"extra\":[1]}"))
                .isEqualTo(new ChatCommand.Say("hi"));
        assertThat(ChatCodec.decode("{\"type\":\"typing\"}")).isEqualTo(new ChatCommand.Typing());
        assertThat(ChatCodec.decode("{\"type\":\"leave\"}")).isEqualTo(new ChatCommand.Leave());
        assertThat(ChatCodec.decode("{\"type\":\"message\"}")).isEqualTo(new ChatCommand.Say(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "{", "[]", "42", "\"text\"", "null", "{\"type\":\"message\",\"text\":7}",
            "{\"type\":[\"join\"]}", "{\"type\":\"join\",\"room\":{\"a\":1}}"})
    void malformedInput_isAnInvalidJsonRejection(String input) {
        assertThatThrownBy(() -> ChatCodec.decode(input)).isInstanceOfSatisfying(ChatRejection.class,
                rejection -> assertThat(rejection.code()).isEqualTo("invalid_json"));
    }

    @Test
    void anUnknownOrMissingType_isNamedInTheRejection() {
        assertThatThrownBy(() -> ChatCodec.decode("{\"type\":\"dance\"}")).isInstanceOfSatisfying(ChatRejection.class,
                rejection -> assertThat(rejection).hasMessageContaining("\"dance\"")
                        .extracting(ChatRejection::code).isEqualTo("unknown_type"));
        assertThatThrownBy(() -> ChatCodec.decode("{}")).hasMessageContaining("none");
    }

    @Test
    void deeplyNestedJson_isRejectedNotCrashed() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> ChatCodec.decode(deep)).isInstanceOf(ChatRejection.class);
    }

    @Test
    void serverEvents_areJsonWithTheirType() {
        ChatMessage message = new ChatMessage(7, "lobby", "ana", "<b>hi</b>\n\"quoted\"", 1_700_000_000_000L);
        JsonNode event = ChatCodec.parse(ChatCodec.message(message));
        assertThat(event.path("type").asText()).isEqualTo("message");
        assertThat(event.path("text").asText()).isEqualTo("<b>hi</b>\n\"quoted\"");
        assertThat(event.path("id").asLong()).isEqualTo(7);
        assertThat(event.path("time").asLong()).isEqualTo(1_700_000_000_000L);

        JsonNode history = ChatCodec.parse(ChatCodec.history("lobby", List.of(message)));
        assertThat(history.path("messages").get(0).path("nick").asText()).isEqualTo("ana");
        JsonNode presence = ChatCodec.parse(ChatCodec.presence("lobby", List.of("ana", "bob"), "bob", null));
        assertThat(presence.path("nicks")).hasSize(2);
        assertThat(presence.has("left")).isFalse();
        JsonNode rooms = ChatCodec.parse(ChatCodec.rooms(Map.of("lobby", 2)));
        assertThat(rooms.path("rooms").get(0).path("members").asInt()).isEqualTo(2);
        JsonNode error = ChatCodec.parse(ChatCodec.error(new ChatRejection("too_long", "too long")));
        assertThat(error.path("code").asText()).isEqualTo("too_long");
    }
}

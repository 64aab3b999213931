package org.socketlab.websocket.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatValidationTest {

    private final ChatValidation validation = new ChatValidation(ChatLimits.defaults());

    @Test
    void nicknames_ofLettersDigitsAndPunctuation_areAccepted_trimmed() throws ChatRejection {
        assertThat(validation.nick("  ana_B.2-x ")).isEqualTo("ana_B.2-x");
        assertThat(validation.nick("민지")).isEqualTo("민지");
        assertThat(validation.nick("a".repeat(24))).hasSize(24);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "<b>", "a b", "ana\"", "a&b", "zero\u200Bwidth", "tab\there"})
    void nicknamesWithOtherCharacters_areRefused(String nick) {
        assertThatThrownBy(() -> validation.nick(nick)).isInstanceOfSatisfying(ChatRejection.class,
                rejection -> assertThat(rejection.code()).isEqualTo("invalid_nick"));
    }

    @Test
    void aTooLongNickname_quotesTheLimit() {
        assertThatThrownBy(() -> validation.nick("a".repeat(25))).hasMessageContaining("1 to 24").hasMessageContaining("25");
    }

    @Test
    void roomNames_areLowerCased_andRestricted() throws ChatRejection {
        assertThat(validation.room("Lobby")).isEqualTo("lobby");
        assertThatThrownBy(() -> validation.room("../x")).isInstanceOf(ChatRejection.class);
        assertThatThrownBy(() -> validation.room("a".repeat(33))).isInstanceOf(ChatRejection.class);
        assertThatThrownBy(() -> validation.room(null)).isInstanceOf(ChatRejection.class);
    }

    @Test
    void messageText_keepsMarkupNewlinesAndTabs_butNoOtherControlCharacters() throws ChatRejection {
        assertThat(validation.text(" <img src=x onerror=alert(1)>\nline two\tend ")).isEqualTo(
                "<img src=x onerror=alert(1)>\nline two\tend");
        assertThatThrownBy(() -> validation.text("bell\u0007")).hasMessageContaining("U+0007").hasMessageContaining("index 4");
        assertThatThrownBy(() -> validation.text("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> validation.text("x".repeat(1001))).isInstanceOfSatisfying(ChatRejection.class,
                rejection -> assertThat(rejection.code()).isEqualTo("too_long"));
        assertThat(validation.text("x".repeat(1000))).hasSize(1000);
    }

    @Test
    void quote_shortensAndEscapes() {
        assertThat(ChatValidation.quote("a\u0000b")).isEqualTo("\"a\\u0000b\"");
        assertThat(ChatValidation.quote("x".repeat(50))).hasSize(43);
    }
}

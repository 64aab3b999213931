package org.socketlab.labs.instructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HiddenTestsTest {

    private static final String SUITE = "org/socketlab/labs/grading/Lab09SecretGradingTest";

    @TempDir
    Path temp;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Repository target() throws IOException {
        write(temp.resolve("target/labs/pom.xml"), "<project/>");
        return Repository.at(temp.resolve("target"));
    }

    @Test
    void copiesTheFolderIntoTheTestTreeAndRemovesCopiesAndClassesAfterwards() throws IOException {
        Repository target = target();
        write(temp.resolve("hidden/" + SUITE + ".java"), "class Lab09SecretGradingTest {}");
        Path copy = target.root().resolve("labs/src/test/java/" + SUITE + ".java");

        try (HiddenTests hidden = HiddenTests.install(temp.resolve("hidden"), target)) {
            assertThat(copy).hasContent("class Lab09SecretGradingTest {}");
            assertThat(hidden.suiteNames()).containsExactly("Lab09SecretGradingTest");
            // what the grading build would compile
            write(target.root().resolve("labs/target/test-classes/" + SUITE + ".class"), "x");
            write(target.root().resolve("labs/target/test-classes/" + SUITE + "$Nested.class"), "x");
            write(target.root().resolve("labs/target/test-classes/org/socketlab/labs/grading/Lab09Other.class"), "x");
        }

        assertThat(copy).doesNotExist();
        assertThat(target.root().resolve("labs/target/test-classes/" + SUITE + ".class")).doesNotExist();
        assertThat(target.root().resolve("labs/target/test-classes/" + SUITE + "$Nested.class")).doesNotExist();
        assertThat(target.root().resolve("labs/target/test-classes/org/socketlab/labs/grading/Lab09Other.class")).exists();
    }

    @Test
    void refusesToOverwriteATestTheTargetAlreadyHas() throws IOException {
        Repository target = target();
        write(temp.resolve("hidden/" + SUITE + ".java"), "hidden");
        write(target.root().resolve("labs/src/test/java/" + SUITE + ".java"), "student's own");

        assertThatThrownBy(() -> HiddenTests.install(temp.resolve("hidden"), target))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
        assertThat(target.root().resolve("labs/src/test/java/" + SUITE + ".java")).hasContent("student's own");
    }

    @Test
    void aMissingFolderIsReported() throws IOException {
        Repository target = target();

        assertThatThrownBy(() -> HiddenTests.install(temp.resolve("nowhere"), target))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }
}

package org.socketlab.tcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliTest {

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "A demo command.")
    static final class Options implements Cli.Validated {
        @Option(names = "--port", description = "a port")
        int port = 1;
        final AtomicBoolean validated = new AtomicBoolean();

        @Override
        public void validate() {
            validated.set(true);
            Cli.requirePort("--port", port);
        }
    }

    private record Run(Cli.Outcome<Options> outcome, String out, String err) {
    }

    private static Run parse(Options options, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli.Outcome<Options> outcome = Cli.parseOrExitCode(options, args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(outcome, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void goodOptionsProceedAfterValidation() {
        Options options = new Options();
        Run run = parse(options, "--port", "8080");
        assertThat(run.outcome().proceed()).isTrue();
        assertThat(options.port).isEqualTo(8080);
        assertThat(options.validated).isTrue();
        assertThat(run.out() + run.err()).isEmpty();
    }

    @Test
    void helpExitsZeroWithoutValidating() {
        Options options = new Options();
        Run run = parse(options, "--help");
        assertThat(run.outcome().exitCode()).isEqualTo(Cli.EXIT_OK);
        assertThat(run.out()).startsWith("Usage: demo").contains("--port", "A demo command.");
        assertThat(options.validated).isFalse();
    }

    @Test
    void versionNamesSocketlab() {
        Run run = parse(new Options(), "--version");
        assertThat(run.outcome().exitCode()).isEqualTo(Cli.EXIT_OK);
        assertThat(run.out()).startsWith("socketlab ");
    }

    @Test
    void typeAndRangeErrorsAreOneLinePlusTheHint() {
        assertThat(parse(new Options(), "--port", "abc").err())
                .isEqualTo("demo: Invalid value for option '--port': 'abc' is not an int\ntry: demo --help\n");
        Run range = parse(new Options(), "--port", "70000");
        assertThat(range.outcome().exitCode()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(range.err()).isEqualTo("demo: option '--port' is 70000; it must be within [0, 65535]\ntry: demo --help\n");
    }

    @Test
    void theHintCanNameTheLauncher() {
        String previous = System.getProperty(Cli.HELP_HINT_PROPERTY);
        System.setProperty(Cli.HELP_HINT_PROPERTY, "try: mvn ... -Dargs=\"02 --help\"");
        try {
            assertThat(parse(new Options(), "--bogus").err()).endsWith("\ntry: mvn ... -Dargs=\"02 --help\"\n");
        } finally {
            if (previous == null) {
                System.clearProperty(Cli.HELP_HINT_PROPERTY);
            } else {
                System.setProperty(Cli.HELP_HINT_PROPERTY, previous);
            }
        }
    }

    @Test
    void anEscapingErrorIsDescribedInOneLine() {
        assertThat(Cli.describe("EchoServer", new java.net.BindException("Address already in use")))
                .isEqualTo("EchoServer: Address already in use (BindException)");
        assertThat(Cli.describe("x", new RuntimeException(new IllegalStateException("inner"))))
                .isEqualTo("x: java.lang.IllegalStateException: inner (RuntimeException)");
    }
}

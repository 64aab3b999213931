package org.socketlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each lab main runs to the end by itself and narrates the system calls it teaches. */
@Timeout(30)
class LabMainsSmokeTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(original);
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void lab01NamesEverySystemCallOfAnEcho() throws Exception {
        Lab01TcpEcho.main(new String[0]);
        assertThat(output()).contains("socket()", "bind()", "listen()", "connect()", "accept()", "write()",
                "read()", "shutdown()", "close()", "returns -1");
    }

    @Test
    void lab02ShowsTheWaitingSecondClientAndEveryStrategy() throws Exception {
        Lab02ConcurrentServers.main(new String[] {"--clients", "10", "--connections", "50"});
        assertThat(output()).contains("still has no echo", "iterative", "thread-per-connection", "fixed-pool-8",
                "virtual-threads", "50 connections open");
    }

    @Test
    void lab03ShowsCoalescingSplittingFramingAndNagle() throws Exception {
        Lab03TcpIsAStream.main(new String[] {"--rounds", "2"});
        assertThat(output()).contains("write() x10", "read() calls", "found message 3", "FramingException",
                "TCP_NODELAY=false", "TCP_NODELAY=true");
    }

    @Test
    void launcherListsTheLabs() throws Throwable {
        LabLauncher.main(new String[] {"list"});
        assertThat(output()).contains("01  TCP echo", "02  Concurrent servers", "03  TCP is a stream");
    }
}

package org.socketlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each lab main runs to the end by itself and narrates the system calls it teaches. */
@Timeout(30)
class LabMainsSmokeTest {

    @Test
    void lab01NamesEverySystemCallOfAnEcho() throws Exception {
        String output = StandardOutput.capture(() -> Lab01TcpEcho.main(new String[0]));
        assertThat(output).contains("socket()", "bind()", "listen()", "connect()", "accept()", "write()",
                "read()", "shutdown()", "close()", "returns -1");
    }

    @Test
    void lab02ShowsTheWaitingSecondClientAndEveryStrategy() throws Exception {
        String output = StandardOutput.capture(
                () -> Lab02ConcurrentServers.main(new String[] {"--clients", "10", "--connections", "50"}));
        assertThat(output).contains("still has no echo", "iterative", "thread-per-connection", "fixed-pool-8",
                "virtual-threads", "50 connections open");
    }

    @Test
    void lab03ShowsCoalescingSplittingFramingAndNagle() throws Exception {
        String output = StandardOutput.capture(() -> Lab03TcpIsAStream.main(new String[] {"--rounds", "2"}));
        assertThat(output).contains("write() x10", "read() calls", "found message 3", "FramingException",
                "TCP_NODELAY=false", "TCP_NODELAY=true");
    }

    @Test
    void launcherListsTheLabs() throws Throwable {
        String output = StandardOutput.capture(() -> LabLauncher.main(new String[] {"list"}));
        assertThat(output).contains("01  TCP echo", "02  Concurrent servers", "03  TCP is a stream");
    }
}

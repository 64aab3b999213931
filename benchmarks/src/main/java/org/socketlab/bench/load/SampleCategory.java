package org.socketlab.bench.load;

import java.util.List;

/**
 * Where a CPU sample of an echo server falls: the categories of the README's profile table. A
 * sample belongs to the category of the frame nearest its top that some rule names, so a generic
 * JDK method (a {@code ConcurrentHashMap} update, a {@code ByteBuffer} slice) counts for whoever
 * called it — the poller, the codec. The first rule whose class prefix matches wins, so order
 * matters (e.g. {@code sun.nio.ch.Poller} before {@code sun.nio.ch.}).
 */
public enum SampleCategory {
    CODEC_PROTOCOL("codec+protocol"),
    SOCKETLAB_OTHER("socketlab server/transport"),
    NETTY("netty pipeline+codec"),
    SOCKET_IO("socket read/write"),
    EPOLL("epoll/poller/selector"),
    SCHEDULING("thread scheduling (FJ, VT, park/unpark)"),
    LOCKS("locks"),
    JFR("jfr itself"),
    OTHER("other");

    private static final List<Rule> RULES = List.of(
            new Rule("org.socketlab.websocket.frame.", CODEC_PROTOCOL),
            new Rule("org.socketlab.websocket.protocol.", CODEC_PROTOCOL),
            new Rule("org.socketlab.websocket.", SOCKETLAB_OTHER), // not org.socketlab.bench: the peers' echo handlers live there
            new Rule("io.netty.", NETTY),
            new Rule("org.java_websocket.", NETTY),
            new Rule("sun.nio.ch.Poller", EPOLL),
            new Rule("sun.nio.ch.EPoll", EPOLL),
            new Rule("sun.nio.ch.SelectorImpl", EPOLL),
            new Rule("sun.nio.ch.DefaultPollerProvider", EPOLL),
            new Rule("sun.nio.ch.", SOCKET_IO),
            new Rule("java.net.", SOCKET_IO),
            new Rule("java.util.concurrent.locks.LockSupport", SCHEDULING),
            new Rule("java.util.concurrent.locks.", LOCKS),
            new Rule("java.util.concurrent.ForkJoin", SCHEDULING),
            new Rule("java.util.concurrent.DelayScheduler", SCHEDULING),
            new Rule("java.lang.VirtualThread", SCHEDULING),
            new Rule("jdk.internal.vm.Continuation", SCHEDULING),
            new Rule("jdk.jfr.", JFR),
            new Rule("jdk.internal.event.", JFR));

    private final String label;

    SampleCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The category of one frame's class; {@link #OTHER} where no rule names it. */
    public static SampleCategory of(String className) {
        for (Rule rule : RULES) {
            if (className.startsWith(rule.prefix())) {
                return rule.category();
            }
        }
        return OTHER;
    }

    /** The category of a sample: its frames' classes from the top down; {@link #OTHER} if none is named. */
    public static SampleCategory ofStack(List<String> classNamesTopFirst) {
        for (String className : classNamesTopFirst) {
            SampleCategory category = of(className);
            if (category != OTHER) {
                return category;
            }
        }
        return OTHER;
    }

    private record Rule(String prefix, SampleCategory category) {
    }
}

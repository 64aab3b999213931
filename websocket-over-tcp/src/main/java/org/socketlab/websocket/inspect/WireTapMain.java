package org.socketlab.websocket.inspect;

import org.socketlab.tcp.cli.Cli;
import org.socketlab.tcp.wire.WireTap;
import org.socketlab.tcp.wire.WireTapArguments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The wire tap with the HTTP and WebSocket dissectors plugged in:
 *
 * <pre>
 * mvn -q compile exec:exec -pl labs -am -Dmain=org.socketlab.websocket.inspect.WireTapMain \
 *     -Dargs="--listen 9100 --target 127.0.0.1:9001 [--pcap session.pcap]"
 * </pre>
 *
 * Then point the client (browser, {@code wscat}, a lab client) at port 9100 instead of 9001.
 * {@code --frame-fields} adds lab 09's field-by-field view ({@link FrameDump}) under every frame.
 */
public final class WireTapMain {

    private WireTapMain() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "WireTapMain", mixinStandardHelpOptions = true,
            description = "A TCP relay that prints every byte both ways, dissected as HTTP/1.1 and WebSocket.")
    static final class Options implements Cli.Validated {
        @Mixin
        WireTapArguments tap = new WireTapArguments();
        @Option(names = "--frame-fields", description = "print every frame field by field (lab 09)")
        boolean frameFields;

        @Override
        public void validate() {
            tap.toOptions();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        boolean frameFields = options.frameFields;
        WireTap.run(options.tap.toOptions(), () -> new HttpWebSocketDissector(frameFields),
                "HTTP/1.1 + WebSocket dissectors" + (frameFields ? ", frames field by field" : ""));
    }
}

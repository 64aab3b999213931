package org.socketlab.websocket.inspect;

import java.util.Arrays;
import org.socketlab.tcp.wire.WireTap;

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

    public static void main(String[] args) throws Exception {
        boolean frameFields = Arrays.asList(args).contains("--frame-fields");
        String[] tapArgs = Arrays.stream(args).filter(arg -> !arg.equals("--frame-fields")).toArray(String[]::new);
        WireTap.run(tapArgs, () -> new HttpWebSocketDissector(frameFields),
                "HTTP/1.1 + WebSocket dissectors" + (frameFields ? ", frames field by field" : ""));
    }
}

package org.socketlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lab 13's main runs to the end by itself and shows every packet it teaches. */
class SocketIoLabMainSmokeTest {

    @Test
    @Timeout(30)
    void lab13ShowsHandshakeAckBinaryNamespacesRoomsHeartbeatAndUpgrade() throws Exception {
        String output = StandardOutput.capture(() -> Lab13SocketIo.main(new String[0]));
        assertThat(output).contains("0{\"sid\":", "431[\"delivered\"]", "432[5]",
                "44/admin,{\"message\":\"not authorized\"", "42[\"room message\",\"hi room\"]", "<- 200 2", "POST 3",
                "ws <- 3probe", "pending GET <- ", "ws <- 439[\"delivered\"]");
    }
}

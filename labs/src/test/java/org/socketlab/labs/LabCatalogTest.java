package org.socketlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabCatalogTest {

    @Test
    void discoversTheLabsOnTheClassPathInOrder() {
        List<LabCatalog.Lab> labs = LabCatalog.discover();
        assertThat(labs).extracting(LabCatalog.Lab::number).startsWith(1, 2, 3).isSorted();
        assertThat(labs.get(0).className()).isEqualTo("org.socketlab.labs.Lab01TcpEcho");
        assertThat(labs.get(0).title()).isEqualTo("TCP echo");
        assertThat(labs.get(0).summary()).contains("accept");
    }

    @Test
    void findsALabByNumber() {
        assertThat(LabCatalog.find(3)).map(LabCatalog.Lab::className).contains("org.socketlab.labs.Lab03TcpIsAStream");
        assertThat(LabCatalog.find(99)).isEmpty();
    }

    @Test
    void ignoresClassesThatAreNotLabs() {
        assertThat(LabCatalog.discover()).extracting(LabCatalog.Lab::className)
                .doesNotContain("org.socketlab.labs.LabLauncher", "org.socketlab.labs.LabCatalog");
    }

    @Test
    void derivesATitleFromTheClassName() {
        assertThat(LabCatalog.titleFromName("TcpIsAStream")).isEqualTo("Tcp Is A Stream");
        assertThat(LabCatalog.titleFromName("UdpExchange")).isEqualTo("Udp Exchange");
        assertThat(LabCatalog.titleFromName("HTTPByHand")).isEqualTo("HTTP By Hand");
    }
}

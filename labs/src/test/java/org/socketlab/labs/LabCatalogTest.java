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

    /** The README's lab table and the launcher's list name every lab alike; every lab has a summary. */
    @Test
    void theReadmeTableMatchesTheCatalog() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(MainsCommandLineTest.repositoryRoot().resolve("README.md"));
        java.util.Map<Integer, String> tableTitles = new java.util.TreeMap<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| (\\d\\d) \\| ([^|]+?) \\|").matcher(readme);
        while (row.find()) {
            tableTitles.put(Integer.parseInt(row.group(1)), row.group(2));
        }
        java.util.Map<Integer, String> catalogTitles = new java.util.TreeMap<>();
        for (LabCatalog.Lab lab : LabCatalog.discover()) {
            catalogTitles.put(lab.number(), lab.title());
            assertThat(lab.summary()).as("summary of lab %s", lab.numberText()).isNotBlank();
        }
        assertThat(tableTitles).as("README lab table (number -> title)").isEqualTo(catalogTitles);
    }

    @Test
    void derivesATitleFromTheClassName() {
        assertThat(LabCatalog.titleFromName("TcpIsAStream")).isEqualTo("Tcp Is A Stream");
        assertThat(LabCatalog.titleFromName("UdpExchange")).isEqualTo("Udp Exchange");
        assertThat(LabCatalog.titleFromName("HTTPByHand")).isEqualTo("HTTP By Hand");
    }
}

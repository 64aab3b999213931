package org.socketlab.labs.instructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/** Finds the TODO stubs a starter still has (the generator's {@code throw}s nobody replaced yet). */
final class RemainingStubs {

    /** One stub: where it is and what its message asks for. */
    record Stub(String lab, String location, String task) {
    }

    private RemainingStubs() {
    }

    static List<Stub> find(Repository repo) throws IOException {
        List<Stub> stubs = new ArrayList<>();
        for (String file : repo.files()) {
            if (!Repository.isMainJavaSource(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(repo.root().resolve(file), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                Matcher stub = SolutionMarkers.STUB.matcher(line);
                if (line.startsWith("throw new ") && stub.find()) {
                    stubs.add(new Stub(stub.group(1), file + ":" + (i + 1), stub.group(2)));
                }
            }
        }
        stubs.sort(java.util.Comparator.comparing(Stub::lab));
        return stubs;
    }
}

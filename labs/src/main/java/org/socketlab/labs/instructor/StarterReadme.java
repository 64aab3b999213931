package org.socketlab.labs.instructor;

import java.util.List;
import java.util.Map;

/** Renders the STARTER.md a generated starter carries: how to work and grade, and every TODO by lab. */
final class StarterReadme {

    private StarterReadme() {
    }

    static String render(List<SolutionRegion> stubbed, Map<String, String> guides) {
        StringBuilder text = new StringBuilder();
        text.append("# socketlab starter\n\n")
                .append("This copy of socketlab has holes: each `// BEGIN SOLUTION` … `// END SOLUTION` region\n")
                .append("below throws `UnsupportedOperationException(\"Lab NN — TODO: ...\")`. Replace the `throw`\n")
                .append("with your code (keep the two marker comments). The lab guides in `labs/guides/` explain\n")
                .append("each task; run a lab with `mvn -q compile exec:exec -pl labs -am -Dlab=NN`.\n\n")
                .append("Grade your work (all labs, or one with `--lab NN`):\n\n")
                .append("```\nmvn -q compile exec:exec -pl labs -am -Dmain=org.socketlab.labs.instructor.Grade -Dargs=\"--lab 09\"\n```\n\n")
                .append("The score table is printed; `labs/target/grading/results.json` holds the same in\n")
                .append("Gradescope's format. Later labs build on earlier ones (the WebSocket server runs on\n")
                .append("lab 01's TcpServer), so work in order. Unit tests of the other modules fail until\n")
                .append("their regions are filled in: that is expected.\n\n")
                .append("## Your tasks\n");
        String lab = null;
        for (SolutionRegion region : stubbed.stream()
                .sorted(java.util.Comparator.comparing(SolutionRegion::lab)).toList()) {
            if (!region.lab().equals(lab)) {
                lab = region.lab();
                String guide = guides.get(lab);
                text.append("\n### Lab ").append(lab).append(guide == null ? "" : " — [" + guide + "](" + guide + ")").append("\n\n");
            }
            text.append("- `").append(region.location()).append("` — ").append(region.task()).append('\n');
        }
        return text.toString();
    }
}

package org.socketlab.labs.instructor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes a student starter: a copy of this repository in which every marked solution region
 * (see {@link SolutionMarkers}) is replaced by a stub that throws "Lab NN — TODO: ...".
 *
 * <pre>
 * mvn -q compile exec:exec -pl labs -am -Dmain=org.socketlab.labs.instructor.StarterGenerator \
 *     -Dargs="/tmp/starter [--labs 01,09] [--from DIR]"
 * </pre>
 *
 * <p>Instructor-only files are left out: {@value #HIDDEN_TESTS} (hidden grading tests) and the
 * tests of this package. The starter gets a {@code STARTER.md} listing every stubbed region.
 * The output folder must not exist yet or be empty, and must lie outside the repository.
 */
public final class StarterGenerator {

    /** Where hidden grading tests live in the reference; never copied into a starter. */
    public static final String HIDDEN_TESTS = "labs/src/hidden-test/";
    private static final List<String> INSTRUCTOR_ONLY = List.of(HIDDEN_TESTS,
            "labs/src/test/java/org/socketlab/labs/instructor/");

    /** What was generated: the regions stubbed (with their lines in the starter), and how many files were copied. */
    public record Result(Path output, List<SolutionRegion> stubbed, int filesCopied) {
    }

    private StarterGenerator() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "StarterGenerator", mixinStandardHelpOptions = true,
            description = "Copies this repository into a student starter, solution regions replaced by TODO stubs.")
    static final class Arguments implements Cli.Validated {
        @Parameters(index = "0", arity = "0..1", paramLabel = "OUTPUT_DIR", description = "new or empty folder outside the repository")
        Path output;
        @Option(names = "--labs", paramLabel = "NN[,NN]", description = "stub only these labs (repeatable; default: all)")
        List<String> labs = new ArrayList<>();
        @Option(names = "--from", paramLabel = "DIR", description = "the reference repository (default: here)")
        Path from;
        Options options;

        @Override
        public void validate() {
            Set<String> labNumbers = new TreeSet<>();
            labs.forEach(text -> labNumbers.addAll(Grade.labList(text)));
            if (output == null) {
                throw new IllegalArgumentException("the output folder is missing");
            }
            options = new Options(output, labNumbers, from != null ? Repository.at(from) : Repository.containing(Path.of("")));
        }
    }

    public static void main(String[] args) {
        Options options = Cli.parse(new Arguments(), args).options;
        try {
            Result result = generate(options.from(), options.output(), options.labs());
            report(result, System.out);
        } catch (IllegalArgumentException | MarkerException e) {
            System.err.println("StarterGenerator: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("StarterGenerator: " + e);
            System.exit(2);
        }
    }

    /**
     * Copies {@code from} into {@code output}, stubbing the regions of {@code labs} (all labs when
     * empty). Every marker in every main source is validated first, so nothing is written when
     * one is malformed.
     */
    public static Result generate(Repository from, Path output, Set<String> labs) throws IOException, MarkerException {
        Path target = output.toAbsolutePath().normalize();
        if (target.startsWith(from.root())) {
            throw new IllegalArgumentException("the output " + target + " is inside the repository " + from.root()
                    + "; choose a folder outside it");
        }
        if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
            throw new IllegalArgumentException("the output " + target + " exists and is not an empty folder");
        }
        List<String> files = from.files().stream().filter(StarterGenerator::belongsInStarter).toList();
        Map<String, List<SolutionRegion>> regions = findAll(from, files);
        Map<String, String> guides = from.guides();
        List<SolutionRegion> stubbed = new ArrayList<>();
        for (String file : files) {
            Path destination = target.resolve(file);
            Files.createDirectories(destination.getParent());
            List<SolutionRegion> chosen = regions.getOrDefault(file, List.of()).stream()
                    .filter(region -> labs.isEmpty() || labs.contains(region.lab())).toList();
            if (chosen.isEmpty()) {
                Files.copy(from.root().resolve(file), destination);
            } else {
                List<String> lines = Files.readAllLines(from.root().resolve(file), StandardCharsets.UTF_8);
                Files.write(destination, SolutionMarkers.replace(lines, chosen, guides), StandardCharsets.UTF_8);
                stubbed.addAll(inStarter(chosen));
            }
        }
        Files.writeString(target.resolve("STARTER.md"), StarterReadme.render(stubbed, guides), StandardCharsets.UTF_8);
        return new Result(target, List.copyOf(stubbed), files.size());
    }

    /** Every region of every main source, validated; file → its regions in order. */
    static Map<String, List<SolutionRegion>> findAll(Repository from, List<String> files) throws IOException, MarkerException {
        Map<String, List<SolutionRegion>> regions = new java.util.LinkedHashMap<>();
        for (String file : files) {
            if (Repository.isMainJavaSource(file)) {
                List<SolutionRegion> found = SolutionMarkers.find(file,
                        Files.readAllLines(from.root().resolve(file), StandardCharsets.UTF_8));
                if (!found.isEmpty()) {
                    regions.put(file, found);
                }
            }
        }
        return regions;
    }

    /** The regions with the line numbers they have in the starter, where each body shrank to one throw. */
    private static List<SolutionRegion> inStarter(List<SolutionRegion> regions) {
        List<SolutionRegion> moved = new ArrayList<>();
        int removed = 0;
        for (SolutionRegion region : regions) {
            int begin = region.beginLine() - removed;
            moved.add(new SolutionRegion(region.file(), begin, begin + 2, region.lab(), region.task(), region.indent()));
            removed += region.endLine() - region.beginLine() - 2;
        }
        return moved;
    }

    static boolean belongsInStarter(String file) {
        return INSTRUCTOR_ONLY.stream().noneMatch(file::startsWith);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void report(Result result, PrintStream out) {
        Set<String> labs = new TreeSet<>();
        result.stubbed().forEach(region -> labs.add(region.lab()));
        out.println("Starter written to " + result.output() + ": " + result.filesCopied() + " files, "
                + result.stubbed().size() + " solution regions stubbed (labs " + String.join(", ", labs) + ").");
        for (SolutionRegion region : result.stubbed().stream()
                .sorted(java.util.Comparator.comparing(SolutionRegion::lab)).toList()) {
            out.println("  Lab " + region.lab() + "  " + region.location() + "  " + region.task());
        }
        out.println("Grade it with: mvn -q compile exec:exec -pl labs -am -Dmain=org.socketlab.labs.instructor.Grade"
                + " -Dargs=\"--repo " + result.output() + "\"");
    }

    /** Command-line options: {@code <outputDir> [--labs NN,NN] [--from DIR]}. */
    record Options(Path output, Set<String> labs, Repository from) {
        /** Parses like {@link #main} but throws {@link IllegalArgumentException} instead of exiting. */
        static Options parse(String[] args) {
            Arguments arguments = new Arguments();
            try {
                new picocli.CommandLine(arguments).parseArgs(args);
            } catch (picocli.CommandLine.ParameterException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            arguments.validate();
            return arguments.options;
        }
    }

}

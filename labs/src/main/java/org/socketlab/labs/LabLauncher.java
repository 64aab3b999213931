package org.socketlab.labs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Lists the labs or runs one.
 *
 * <pre>
 * mvn -q compile exec:exec -pl labs -am                    # list the labs
 * mvn -q compile exec:exec -pl labs -am -Dlab=01           # run lab 01
 * mvn -q compile exec:exec -pl labs -am -Dargs="02 --connections 10000"   # lab 02 with options
 * </pre>
 */
public final class LabLauncher {

    private LabLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        // One short line per log record (the JDK default takes two), unless the user chose a format.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "       [log %4$s] %5$s%6$s%n");
        }
        if (args.length == 0 || args[0].equals("list") || args[0].equals("--list")) {
            printList(LabCatalog.discover());
            return;
        }
        int number;
        try {
            number = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            System.err.println("Unknown lab \"" + args[0] + "\": give a lab number such as 01, or \"list\".");
            System.exit(2);
            return;
        }
        Optional<LabCatalog.Lab> lab = LabCatalog.find(number);
        if (lab.isEmpty()) {
            System.err.printf("There is no lab %02d yet. These labs exist:%n", number);
            printList(LabCatalog.discover());
            System.exit(2);
            return;
        }
        run(lab.get(), Arrays.copyOfRange(args, 1, args.length));
    }

    private static void run(LabCatalog.Lab lab, String[] labArgs) throws Throwable {
        System.out.printf("=== Lab %s: %s ===%n", lab.numberText(), lab.title());
        if (!lab.summary().isEmpty()) {
            System.out.println(lab.summary());
        }
        System.out.println();
        Method main = Class.forName(lab.className()).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) labArgs);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static void printList(List<LabCatalog.Lab> labs) {
        if (labs.isEmpty()) {
            System.out.println("No labs found on the class path (expected classes org.socketlab.labs.LabNN<Name>).");
            return;
        }
        int titleWidth = labs.stream().mapToInt(lab -> lab.title().length()).max().orElse(10);
        System.out.println("Labs (run one with: mvn -q compile exec:exec -pl labs -am -Dlab=NN)");
        System.out.println();
        for (LabCatalog.Lab lab : labs) {
            System.out.printf("  %s  %-" + titleWidth + "s  %s%n", lab.numberText(), lab.title(), lab.summary());
        }
    }
}

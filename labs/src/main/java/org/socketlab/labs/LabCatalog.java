package org.socketlab.labs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the labs on the class path by name: every top-level class
 * {@code org.socketlab.labs.LabNN<Name>} with a {@code main} method is lab NN. There is no
 * central list, so adding a lab is adding a class.
 *
 * <p>A lab may declare {@code static final String TITLE} and {@code SUMMARY}; without them the
 * title comes from the class name ({@code Lab03TcpIsAStream} → "Tcp Is A Stream").
 */
public final class LabCatalog {

    /** One discovered lab. */
    public record Lab(int number, String className, String title, String summary) {
        public String numberText() {
            return String.format("%02d", number);
        }
    }

    static final String PACKAGE_PATH = "org/socketlab/labs/";
    private static final Pattern LAB_CLASS = Pattern.compile("Lab(\\d{2})([A-Z][A-Za-z0-9]*)\\.class");

    private LabCatalog() {
    }

    /** Labs on this JVM's class path, ordered by number (the first class wins on a duplicate). */
    public static List<Lab> discover() {
        return discover(classPathEntries());
    }

    static List<Lab> discover(List<Path> classPath) {
        Map<Integer, String> classesByNumber = new TreeMap<>();
        for (Path entry : classPath) {
            for (String simpleName : labClassNames(entry)) {
                Matcher matcher = LAB_CLASS.matcher(simpleName + ".class");
                if (matcher.matches()) {
                    classesByNumber.putIfAbsent(Integer.parseInt(matcher.group(1)),
                            PACKAGE_PATH.replace('/', '.') + simpleName);
                }
            }
        }
        List<Lab> labs = new ArrayList<>();
        classesByNumber.forEach((number, className) -> describe(number, className).ifPresent(labs::add));
        return labs;
    }

    /** The lab with this number, if any. */
    public static Optional<Lab> find(int number) {
        return discover().stream().filter(lab -> lab.number() == number).findFirst();
    }

    private static List<Path> classPathEntries() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        try {
            // The launcher's own location, in case it runs with a custom class loader.
            entries.add(Path.of(LabCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | NullPointerException | SecurityException ignored) {
            // The class path alone is enough.
        }
        return entries;
    }

    /** Simple names of candidate classes in {@code org/socketlab/labs/} of a directory or jar. */
    private static List<String> labClassNames(Path entry) {
        try {
            if (Files.isDirectory(entry)) {
                Path labsPackage = entry.resolve(PACKAGE_PATH);
                if (!Files.isDirectory(labsPackage)) {
                    return List.of();
                }
                try (Stream<Path> files = Files.list(labsPackage)) {
                    return files.map(file -> file.getFileName().toString())
                            .filter(name -> LAB_CLASS.matcher(name).matches())
                            .map(name -> name.substring(0, name.length() - ".class".length()))
                            .toList();
                }
            }
            if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                return jarClassNames(entry);
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not scan " + entry + " for labs", e);
        }
    }

    private static List<String> jarClassNames(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = jarFile.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith(PACKAGE_PATH) && name.indexOf('/', PACKAGE_PATH.length()) < 0) {
                    String simple = name.substring(PACKAGE_PATH.length());
                    if (LAB_CLASS.matcher(simple).matches()) {
                        names.add(simple.substring(0, simple.length() - ".class".length()));
                    }
                }
            }
        }
        return names;
    }

    private static Optional<Lab> describe(int number, String className) {
        try {
            Class<?> labClass = Class.forName(className, false, LabCatalog.class.getClassLoader());
            labClass.getMethod("main", String[].class);
            String defaultTitle = titleFromName(labClass.getSimpleName().substring("LabNN".length()));
            String title = constant(labClass, "TITLE").orElse(defaultTitle);
            String summary = constant(labClass, "SUMMARY").orElse("");
            return Optional.of(new Lab(number, className, title, summary));
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return Optional.empty();                     // a LabNN class without main is not a lab
        }
    }

    private static Optional<String> constant(Class<?> labClass, String name) {
        try {
            Field field = labClass.getDeclaredField(name);
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                return Optional.ofNullable((String) field.get(null));
            }
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException ignored) {
            // No constant: the caller falls back to a default.
        }
        return Optional.empty();
    }

    /** "TcpIsAStream" → "Tcp Is A Stream". */
    static String titleFromName(String camelCase) {
        return camelCase.replaceAll("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ");
    }
}

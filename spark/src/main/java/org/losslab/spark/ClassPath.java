package org.losslab.spark;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * This JVM's class path as files, with the jars that a jar's manifest names ({@code java -jar losslab.jar}, Maven
 * Surefire's booter jar) expanded: what a process started from this one needs to see the same classes.
 */
public final class ClassPath {

    private ClassPath() {
    }

    /** {@return this JVM's class path, manifests' {@code Class-Path} entries expanded, in order, each once} */
    public static List<Path> current() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                add(Path.of(entry).toAbsolutePath().normalize(), entries);
            }
        }
        return new ArrayList<>(entries);
    }

    /**
     * @param entries class path entries
     * @return them joined as a {@code -cp} argument
     */
    public static String join(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static void add(Path entry, Set<Path> entries) {
        if (!entries.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            if (jar.getManifest() == null) {
                return;
            }
            String classPath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return;
            }
            for (String item : classPath.trim().split("\\s+")) {
                Path named = item.startsWith("file:") ? Path.of(URI.create(item))
                        : entry.getParent().resolve(item.replace('/', File.separatorChar));
                add(named.toAbsolutePath().normalize(), entries);
            }
        } catch (IOException | IllegalArgumentException e) {
            // not a readable jar: it stays on the path as it is, as the JVM would treat it
        }
    }
}

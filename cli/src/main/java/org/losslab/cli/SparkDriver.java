package org.losslab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.losslab.spark.ClassPath;
import org.losslab.spark.SparkJvm;

/**
 * Runs a command that needs Spark ({@code --spark}, {@code spark-cluster}) in a JVM of its own: this command line
 * again, on a class path that starts with Spark's jars ({@code spark/target/spark-lib}, the versions Spark's build
 * chose, netty 4.1.96 among them), followed by the application's jars that Spark's do not replace. DL4J's UI (Vert.x
 * 3.9) does not run on that netty, so the Spark driver never starts it ({@code --ui} is refused with
 * {@code --spark}); this JVM, which may, keeps Vert.x's netty. The child's output is this command's output.
 */
final class SparkDriver {

    /** Where Spark's jars are: a system property the launcher and the tests set. */
    static final String LIB_PROPERTY = "losslab.spark.lib";

    private SparkDriver() {
    }

    /**
     * Runs {@code args} in the Spark driver's JVM and waits for it.
     *
     * @param args   the command line, as given
     * @param master the {@code --spark} value (empty for none, or spark-submit's): with one on this machine, the
     *               driver takes 127.0.0.1 as its address ({@code SPARK_LOCAL_IP})
     * @param out  where the child's output goes
     * @param err  where its errors go
     * @return its exit code
     */
    static int run(List<String> args, String master, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        Path lib = lib();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-javaagent")) {
                command.add(option);
            }
        }
        command.addAll(SparkJvm.MODULE_OPTIONS);
        command.add("-cp");
        command.add(ClassPath.join(classPath(ClassPath.current(), lib)));
        command.add(Main.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (master.startsWith("local") || master.matches("spark://(127\\.0\\.0\\.1|localhost):[0-9]+")
                || args.contains("spark-cluster")) {
            builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        }
        Process child = builder.start();
        Thread stop = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "losslab-spark-driver-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        Thread copyOut = copy(child.getInputStream(), out);
        Thread copyErr = copy(child.getErrorStream(), err);
        child.getOutputStream().close();
        int code = child.waitFor();
        copyOut.join();
        copyErr.join();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for the child, which has ended
        }
        return code;
    }

    /**
     * The driver's class path: Spark's jars first, then this JVM's entries that are not among them (by artifact, or
     * by holding any of their classes: an artifact that moved to new coordinates, as LZ4's did).
     */
    static List<Path> classPath(List<Path> current, Path lib) throws IOException {
        List<Path> spark;
        try (Stream<Path> jars = Files.list(lib)) {
            spark = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        Set<String> sparkArtifacts = new HashSet<>();
        Set<String> sparkClasses = new HashSet<>();
        for (Path jar : spark) {
            sparkArtifacts.add(artifact(jar));
            sparkClasses.addAll(classes(jar));
        }
        List<Path> entries = new ArrayList<>(spark);
        for (Path entry : current) {
            String artifact = artifact(entry);
            if (sparkArtifacts.contains(artifact)) {
                continue;
            }
            if (classes(entry).stream().noneMatch(sparkClasses::contains)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** A jar's class files (a folder's count as none: they are this build's own). */
    private static List<String> classes(Path entry) throws IOException {
        if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return List.of();
        }
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(entry.toFile())) {
            return jar.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/")
                            && !name.endsWith("module-info.class"))
                    .toList();
        }
    }

    /**
     * A class path entry's artifact: {@code commons-io} for {@code commons-io-2.5.jar}, {@code ui} for
     * {@code ui/target/classes}.
     */
    static String artifact(Path entry) {
        String name = entry.getFileName().toString();
        if (!name.endsWith(".jar")) {
            Path target = entry.getParent();
            return target != null && target.getFileName().toString().equals("target") && target.getParent() != null
                    ? target.getParent().getFileName().toString() : name;
        }
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("-[0-9]").matcher(name);
        return version.find() ? name.substring(0, version.start()) : name.substring(0, name.length() - 4);
    }

    private static Path lib() {
        String configured = System.getProperty(LIB_PROPERTY);
        if (configured == null || configured.isEmpty()) {
            throw new Main.Failure("--spark: Spark's jars are not known (run through ./losslab, which sets -D"
                    + LIB_PROPERTY + "=spark/target/spark-lib)", Main.BAD_INPUT);
        }
        Path lib = Path.of(configured);
        if (!Files.isDirectory(lib)) {
            throw new Main.Failure("--spark: " + lib + ": no such folder of Spark's jars (./mvnw -DskipTests "
                    + "package builds it)", Main.BAD_INPUT);
        }
        return lib;
    }

    private static Thread copy(InputStream from, PrintWriter to) {
        Thread thread = new Thread(() -> {
            try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) >= 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        }, "losslab-spark-driver-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}

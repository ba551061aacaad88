package org.losslab.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A main class of LossLab's in a JVM of its own, for tests that kill a run or need other JVM settings. */
public final class ChildJvm {

    /**
     * How long a test reads a child's output at most: far more than any child of the tests needs, so that a child
     * that never ends fails its test instead of hanging the build.
     */
    static final Duration READ_LIMIT = Duration.ofMinutes(10);

    private ChildJvm() {
    }

    /**
     * Whether this process ignores SIGINT, as a process started in the background without job control does; its
     * children then ignore it too (the JVM does not handle a signal it was started ignoring), so Ctrl-C cannot be
     * tested in them. Linux only; elsewhere false.
     */
    public static boolean sigintIgnored() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (2 - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /**
     * Kills {@code child} if it is still running after {@link #READ_LIMIT}; the returned flag says whether it did.
     * Closing the child's output ends a read that waits on it.
     */
    private static AtomicBoolean watchdog(Process child) {
        AtomicBoolean fired = new AtomicBoolean();
        CompletableFuture.runAsync(() -> {
            if (child.isAlive()) {
                fired.set(true);
                child.destroyForcibly();
            }
        }, CompletableFuture.delayedExecutor(READ_LIMIT.toSeconds(), TimeUnit.SECONDS));
        return fired;
    }

    private static void failIfFired(AtomicBoolean fired, List<String> seen) {
        if (fired.get()) {
            throw new AssertionError("the child JVM was still running after " + READ_LIMIT.toMinutes()
                    + " minutes and was killed; its output:\n" + String.join("\n", seen));
        }
    }

    /**
     * Starts {@code main}'s {@code main} method with {@code args} on the tests' class path, as {@code ./losslab}
     * would (JavaCPP's memory accounting off), with {@code jvmOptions} too; its error output goes into its standard
     * output, and a crash report, if the JVM crashes, into {@code target/}.
     */
    public static Process start(Class<?> main, List<String> jvmOptions, List<String> args) throws IOException {
        return start(main, jvmOptions, args, java.util.Map.of());
    }

    /** As {@link #start(Class, List, List)}, with {@code environment} added to the child's environment. */
    public static Process start(Class<?> main, List<String> jvmOptions, List<String> args,
                                java.util.Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlosslab.home=" + System.getProperty("losslab.home"),
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-XX:ErrorFile=target/hs_err_pid%p.log"));
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Reads the child's output until a line starts with {@code prefix}, then kills the child at once. Returns the
     * lines read: up to that one, or all of them if the output ended first. A child still running after
     * {@link #READ_LIMIT} is killed and fails the test.
     */
    public static List<String> readUntilThenKill(Process child, String prefix) throws IOException {
        AtomicBoolean fired = watchdog(child);
        List<String> seen = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                seen.add(line);
                if (line.startsWith(prefix)) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        failIfFired(fired, seen);
        return seen;
    }

    /**
     * Reads the child's output until a line starts with {@code prefix}, runs {@code then} (which may stop the
     * child), and reads on to the end of the output. Returns every line, and the index of the prefix line in
     * {@code marks[0]} (-1 if it never came). A child still running after {@link #READ_LIMIT} is killed and fails
     * the test.
     */
    public static List<String> readUntilThen(Process child, String prefix, java.util.function.Consumer<Process> then,
                                             int[] marks) throws IOException {
        AtomicBoolean fired = watchdog(child);
        List<String> seen = new ArrayList<>();
        marks[0] = -1;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                seen.add(line);
                if (marks[0] < 0 && line.startsWith(prefix)) {
                    marks[0] = seen.size() - 1;
                    then.accept(child);
                }
            }
        }
        failIfFired(fired, seen);
        return seen;
    }
}

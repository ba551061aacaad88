package org.losslab.io;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How this process was asked for the work it does, for provenance: the command line of LossLab's command-line
 * program while one of its commands runs ({@code losslab train --epochs 3}), else the Java API. Run records keep it,
 * so that a run folder says what made it.
 */
public final class Invocation {

    /** What a run made through the Java API records. */
    public static final String JAVA_API = "Java API";

    private static volatile String current = JAVA_API;

    private Invocation() {
    }

    /**
     * Sets the command line while a command runs; {@link #clear()} when it ends.
     *
     * @param program the program's name, {@code losslab}
     * @param args    its arguments, as given
     */
    public static void commandLine(String program, List<String> args) {
        current = program + (args.isEmpty() ? "" : " " + args.stream().map(Invocation::quoted)
                .collect(Collectors.joining(" ")));
    }

    /**
     * Sets what makes the runs from now on: a command line recorded elsewhere (a Spark driver's, on its executors).
     *
     * @param command the command line, or {@value #JAVA_API}
     */
    public static void set(String command) {
        current = command == null || command.isBlank() ? JAVA_API : command;
    }

    /** Back to the Java API, when a command has ended. */
    public static void clear() {
        current = JAVA_API;
    }

    /** @return the command line of the running command, or {@value #JAVA_API} */
    public static String current() {
        return current;
    }

    /** An argument as a POSIX shell would need it to read it back as one word. */
    static String quoted(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./=:,@%+-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}

package org.losslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.losslab.data.DataException;
import org.losslab.io.BadFileException;
import org.losslab.io.SerialFilters;
import org.losslab.ui.UiException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code losslab}: the entry point. Bad input exits with 2 and one line; a stack trace only with {@code -v}. */
@Command(name = "losslab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Experiments for the lecture \"Losses and activations\" (Nielsen, ch. 3), on Deeplearning4j.",
        subcommands = {LectureCommand.class, PresetsCommand.class, NeuronCommand.class, DataCommand.class, TrainCommand.class,
                EvaluateCommand.class, PredictCommand.class, SearchCommand.class, CompareCommand.class,
                RunsCommand.class, UiCommand.class, SparkClusterCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input: options, files, values. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private boolean verbose;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show library logging (ND4J start-up, warnings) and stack traces.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        if (LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            LogLevels.set(verbose);
        } // else another binding (a Spark cluster's, under spark-submit): its own configuration decides
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line with LossLab's error handling, printing to the given writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        Main main = new Main();
        main.setVerbose(false); // the levels without -v, whatever the logging configuration on the class path
        CommandLine cli = new CommandLine(main);
        EvaluateCommand.describe(cli.getSubcommands().get("evaluate").getCommandSpec());
        cli.setOut(out);
        cli.setErr(err);
        // LossLab's ND4J executioner (operations keep their arrays) and one UUID generator per thread: once the
        // options are parsed (-v decides what ND4J's start logs), for the commands that compute.
        cli.setExecutionStrategy(parsed -> {
            if (needsSpark(parsed) && !org.losslab.spark.SparkJvm.sparkPresent()) {
                try {
                    return SparkDriver.run(parsed.originalArgs(), sparkMaster(parsed), out, err);
                } catch (IOException e) {
                    throw new CommandLine.ExecutionException(cli, "could not start the Spark driver: "
                            + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 130;
                }
            }
            if (usesNd4j(parsed)) {
                org.losslab.nd4j.Nd4jSetup.install();
            }
            org.losslab.io.Invocation.commandLine("losslab", parsed.originalArgs());
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                org.losslab.io.Invocation.clear();
            }
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            String suggestions = ex instanceof CommandLine.UnmatchedArgumentException unmatched
                    && !unmatched.getSuggestions().isEmpty()
                    ? "; did you mean " + String.join(" or ", unmatched.getSuggestions().stream().limit(1)
                    .map(s -> "'" + s + "'").toList()) + "?" : "";
            failed.getErr().println("losslab: " + ex.getMessage() + suggestions);
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            PrintWriter errors = failed.getErr();
            int code;
            if (org.losslab.io.Shutdown.inProgress()) {
                return 130; // Ctrl-C or SIGTERM: what failed after it is the stop itself, not worth a line
            }
            if (ex instanceof Failure failure) {
                errors.println("losslab: " + failure.getMessage());
                code = failure.code;
            } else if (ex instanceof org.losslab.io.SpecException wrong) {
                errors.println("losslab: " + Flags.message(wrong));
                code = BAD_INPUT;
            } else if (ex instanceof DataException wrong) {
                errors.println("losslab: " + Flags.message(wrong));
                code = BAD_INPUT;
            } else if (ex instanceof org.losslab.search.CandidateRunner.Unavailable unavailable) {
                errors.println("losslab: --spark: " + unavailable.getMessage());
                code = BAD_INPUT;
            } else if (ex instanceof UiException wrong) {
                errors.println("losslab: " + Flags.message(wrong));
                code = BAD_INPUT;
            } else if (ex instanceof IllegalArgumentException || ex instanceof DataException
                    || ex instanceof BadFileException || ex instanceof UiException) {
                errors.println("losslab: " + ex.getMessage());
                code = BAD_INPUT;
            } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
                errors.println("losslab: " + ex.getMessage());
                code = 1;
            } else {
                errors.println("losslab: internal error: " + ex
                        + (main.verbose ? "" : " (run with -v for the stack trace)"));
                code = 1;
            }
            if (main.verbose) {
                ex.printStackTrace(errors);
            }
            errors.flush();
            return code;
        });
        return cli;
    }

    /** Whether the parsed command runs Spark: {@code --spark} given, or {@code spark-cluster}; not its help. */
    private static boolean needsSpark(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (last.isUsageHelpRequested() || last.isVersionHelpRequested()) {
            return false;
        }
        return last.hasMatchedOption("--spark") || last.commandSpec().name().equals("spark-cluster");
    }

    /** The {@code --spark} value of the parsed command; empty without one (or for {@code spark-cluster}). */
    private static String sparkMaster(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.hasMatchedOption("--spark") ? last.matchedOptionValue("--spark", "") : "";
    }

    /** Whether the parsed command computes with ND4J: not help, not {@code presets}, not the bare command. */
    private static boolean usesNd4j(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            if (last.isUsageHelpRequested() || last.isVersionHelpRequested()) {
                return false;
            }
            last = last.subcommand();
        }
        return last != parsed && !last.isUsageHelpRequested() && !last.isVersionHelpRequested()
                && !last.commandSpec().name().equals("presets");
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return commandLine(out, err).execute(args);
    }

    public static void main(String[] args) {
        // Before anything deserializes: DL4J's readers of statistics and model files get LossLab's allow-lists.
        SerialFilters.install();
        // JavaCPP's memory accounting costs ND4J a fifth of its time on small nets; LossLab does not need it.
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
        System.exit(run(args));
    }

    /** A command that ran but did not do what was asked: one line and an exit code, no stack trace. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        Failure(String message, int code) {
            super(message);
            this.code = code;
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"LossLab " + (version == null ? "(development build)" : version)
                    + ", Deeplearning4j 1.0.0-beta7, Java " + System.getProperty("java.version")};
        }
    }
}

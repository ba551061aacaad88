package org.losslab.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.losslab.search.CandidateRunner;
import org.losslab.spark.SparkOptions;
import org.losslab.spark.SparkRunner;
import picocli.CommandLine.Option;

/** The Spark options of {@code search}, {@code compare} and {@code lecture}. */
final class SparkFlags {

    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1", fallbackValue = "",
            description = {"Train the candidates on Apache Spark, one task each: local[N] (N threads here) or "
                    + "spark://host:port (a standalone cluster; ./losslab spark-cluster starts one here). Without a "
                    + "value, the master spark-submit set."})
    String master;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting for the application, e.g. spark.executor.memory=2g (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--live", paramLabel = "URL",
            description = "With --spark: send the candidates' training statistics to a LossLab UI started apart "
                    + "(./losslab ui --listen), e.g. http://127.0.0.1:9000.")
    URI live;

    /** {@return whether {@code --spark} was given} */
    boolean asked() {
        return master != null;
    }

    /** Checks the options that go with {@code --spark} against the UI's. */
    void check(UiOptions ui) {
        if (!asked()) {
            if (live != null) {
                throw new IllegalArgumentException("--live: only with --spark (without it, --ui shows the training)");
            }
            if (!settings.isEmpty()) {
                throw new IllegalArgumentException("--spark-conf: only with --spark");
            }
            return;
        }
        if (ui.ui) {
            throw new IllegalArgumentException("--ui: not with --spark; start ./losslab ui --listen apart and give "
                    + "--live with its address");
        }
    }

    /**
     * Where a command's candidates train, as the options chose: on Spark (an application to stop when done) or in
     * this JVM. Nothing here names {@code SparkRunner} unless Spark was asked for: a JVM without Spark's jars (the
     * command line's own) must never load it.
     *
     * @param runner   the runner
     * @param parallel candidates at a time: {@code --parallel}, else the cluster's slots or this machine's cores
     * @param stop     stops the Spark application; nothing without one
     */
    record Choice(CandidateRunner runner, int parallel, Runnable stop) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }

    /**
     * Starts the Spark application when {@code --spark} asks for one.
     *
     * @param parallel {@code --parallel}, or null
     * @param out      where to say where it runs
     * @return the choice, to close when the command is done
     */
    Choice choose(Integer parallel, PrintWriter out) {
        if (!asked()) {
            // one per core, as many as ND4J's thread pool takes at once (OMP_NUM_THREADS=1: one)
            return new Choice(CandidateRunner.LOCAL, parallel != null ? parallel
                    : Math.min(Runtime.getRuntime().availableProcessors(),
                    org.losslab.nd4j.Nd4jSetup.trainingSlots()), () -> { });
        }
        SparkRunner runner = start(out);
        return new Choice(runner, parallel != null ? parallel : runner.slots(), runner::close);
    }

    /** Starts the Spark application and says where it runs. */
    private SparkRunner start(PrintWriter out) {
        SparkOptions options = master.isEmpty() ? SparkOptions.submitted() : SparkOptions.of(master);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            options = options.withSetting(setting.getKey(), setting.getValue());
        }
        if (live != null) {
            options = options.withLive(live);
        }
        SparkRunner runner = SparkRunner.start(options);
        out.println("spark: " + runner.master() + ", " + runner.slots() + " slot" + (runner.slots() == 1 ? "" : "s")
                + live().map(l -> ", statistics to " + l).orElse(""));
        out.flush();
        return runner;
    }

    /**
     * {@return where the driver's own statistics (Arbiter's status of the searches) go: with {@code --live}, the UI
     * there, as the executors' do; else nowhere}
     */
    org.deeplearning4j.core.storage.StatsStorageRouter driverLive() {
        return live == null ? org.losslab.experiment.LiveStats.NONE
                : new org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter(live.toString());
    }

    private java.util.Optional<URI> live() {
        return java.util.Optional.ofNullable(live);
    }
}

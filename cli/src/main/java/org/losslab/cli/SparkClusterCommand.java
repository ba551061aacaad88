package org.losslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.losslab.spark.LocalCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab spark-cluster}: a Spark standalone cluster on this machine, for trying {@code --spark}. */
@Command(name = "spark-cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start a Spark standalone cluster on this machine (127.0.0.1 only): a Master and Workers, "
                + "each a JVM of LossLab's own jars, until Ctrl-C. Then, in another terminal: ./losslab lecture "
                + "--spark spark://127.0.0.1:7077",
                "Logs and work folders go to --home."})
final class SparkClusterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--workers", defaultValue = "2", description = "Workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--cores", defaultValue = "1",
            description = "Cores each Worker offers (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--memory", defaultValue = "2g",
            description = "Memory each Worker offers to executors (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--port", defaultValue = "7077", description = "The Master's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--home", defaultValue = "target/spark-cluster", paramLabel = "DIR",
            description = "Logs and work folders (default: ${DEFAULT-VALUE}).")
    Path home;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (workers < 1) {
            throw new IllegalArgumentException("--workers: must be >= 1, got " + workers);
        }
        try {
            LocalCluster cluster;
            try {
                cluster = LocalCluster.start(home, port, workers, cores, memory, Duration.ofSeconds(60));
            } catch (org.losslab.io.SpecException e) {
                throw new IllegalArgumentException("--" + e.field() + ": " + e.problem(), e);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                cluster.close();
                stopped.countDown();
            }, "losslab-spark-cluster-stop"));
            out.println("spark: master " + cluster.masterUrl() + ", " + workers + " worker" + (workers == 1 ? "" : "s")
                    + " of " + cores + " core" + (cores == 1 ? "" : "s") + " and " + memory + "; logs in " + home);
            out.println("run: ./losslab lecture --spark " + cluster.masterUrl());
            out.println("serving until Ctrl-C");
            out.flush();
            stopped.await();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not start the cluster: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.losslab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.MnistData;
import org.losslab.search.CandidateRunner;
import org.losslab.search.Search;
import org.losslab.search.SearchRequest;
import org.losslab.search.SearchSpec;

/** A standalone Master and Workers started on 127.0.0.1 by the test, as separate JVMs. */
class SparkClusterTest {

    /** Six candidates long enough (3 epochs of 1,500 images) that a worker can be killed during one. */
    static final SearchSpec SIX = SparkRuns.FOUR.toBuilder().eta(0.5, 1.0, 3.0).epochs(3).trainLimit(1500).build();

    static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistData.load(Search.dataSpec(SIX));
    }

    @Test
    void aKilledWorkerCostsOneRetryAndTheSearchEndsWithTheLocalRunnersRuns(@TempDir Path dir) throws Exception {
        Search.Outcome local = Search.run(SearchRequest.of(SIX, dir.resolve("local")).withData(data)
                .withParallel(2));
        Path scratch = dir.resolve("scratch");
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, "2g", Duration.ofSeconds(60));
             SparkRunner spark = SparkRunner.start(SparkOptions.of(cluster.masterUrl())
                     .withSetting(CandidateTask.SCRATCH, scratch.toString()))) {
            AtomicInteger lost = new AtomicInteger();
            spark.context().sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (end.reason() instanceof ExecutorLostFailure) {
                        lost.incrementAndGet();
                    }
                }
            });
            ExecutorService pool = Search.pool(2);
            try {
                Search.Running running = Search.start(SearchRequest.of(SIX, dir.resolve("spark")).withData(data)
                        .withRunner(spark), pool);
                String executor = awaitTraining(scratch, Duration.ofMinutes(3));
                int worker = cluster.workerOf(executor).orElseThrow(() -> new AssertionError("no worker runs executor "
                        + executor + ": " + cluster.describe()));
                cluster.kill(worker);
                Search.Outcome outcome = running.finish();
                assertThat(lost.get()).as("tasks lost with the worker").isEqualTo(1);
                SparkRuns.assertSameRuns(local, outcome);
                List<String> csv = Files.readAllLines(outcome.folder().resolve("results.csv"));
                assertThat(csv.subList(1, csv.size()).stream().map(line -> line.split(",")[1]).sorted())
                        .containsExactly("1", "2", "3", "4", "5", "6");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aClusterThatLosesEveryWorkerStopsTheSearchWithinTheTimeout(@TempDir Path dir) throws Exception {
        Path scratch = dir.resolve("scratch");
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 1, 1, "2g", Duration.ofSeconds(60));
             SparkRunner spark = SparkRunner.start(SparkOptions.of(cluster.masterUrl())
                     .withSetting(CandidateTask.SCRATCH, scratch.toString()).withLostTimeout(Duration.ofSeconds(6)))) {
            ExecutorService pool = Search.pool(1);
            try {
                Search.Running running = Search.start(SearchRequest.of(SIX, dir.resolve("spark")).withData(data)
                        .withRunner(spark), pool);
                awaitTraining(scratch, Duration.ofMinutes(3));
                cluster.kill(1);
                assertThatThrownBy(running::finish).isInstanceOf(CandidateRunner.Unavailable.class)
                        .hasMessage(cluster.masterUrl() + ": the application has had no executor for 6 s (every "
                                + "worker lost?)");
                assertThat(dir.resolve("spark/results.csv")).doesNotExist();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aClusterWithoutWorkersIsOneLineWithinTheTimeout(@TempDir Path dir) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 0, 1, "1g", Duration.ofSeconds(60))) {
            assertThatThrownBy(() -> SparkRunner.start(SparkOptions.of(cluster.masterUrl())
                    .withStartTimeout(Duration.ofSeconds(8))))
                    .isInstanceOf(CandidateRunner.Unavailable.class)
                    .hasMessage(cluster.masterUrl() + ": the cluster gave no executor within 8 s (no worker alive, "
                            + "or none with the free cores and memory asked for)");
        }
    }

    /** Waits until an executor has begun training a candidate (its run record is in the scratch folder). */
    private static String awaitTraining(Path scratch, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(scratch)) {
                try (Stream<Path> walk = Files.walk(scratch, 4)) {
                    Optional<Path> record = walk.filter(p -> p.getFileName().toString().equals("run.json"))
                            .findFirst();
                    if (record.isPresent()) {
                        return scratch.relativize(record.get()).getName(0).toString();
                    }
                }
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        throw new AssertionError("no executor began a candidate within " + timeout);
    }
}

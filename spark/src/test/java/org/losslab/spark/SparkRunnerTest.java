package org.losslab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.RunStatus;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingListener;
import org.losslab.io.SpecException;
import org.losslab.search.CandidateRunner;
import org.losslab.search.Search;
import org.losslab.search.SearchRequest;

class SparkRunnerTest {

    static MnistData data;

    @BeforeAll
    static void load() {
        data = MnistData.load(Search.dataSpec(SparkRuns.FOUR));
    }

    @Test
    void localNTrainsEveryCandidateAsTheLocalRunnerDoesToTheLastBit(@TempDir Path dir) throws Exception {
        Search.Outcome local = Search.run(SearchRequest.of(SparkRuns.FOUR, dir.resolve("local")).withData(data)
                .withParallel(2));
        // A stand-in for `losslab ui --listen` on 127.0.0.1: what the executors post to /remoteReceive.
        java.util.Set<String> posted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch updates = new java.util.concurrent.CountDownLatch(4);
        com.sun.net.httpserver.HttpServer ui = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        ui.createContext("/remoteReceive", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher type = java.util.regex.Pattern.compile("\"class\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(body);
            if (type.find()) {
                posted.add(type.group(1));
                if (type.group(1).endsWith("SbeStatsReport")) {
                    updates.countDown();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ui.start();
        try (SparkRunner spark = SparkRunner.start(SparkOptions.of("local[2]").withLive(java.net.URI.create(
                "http://127.0.0.1:" + ui.getAddress().getPort())))) {
            assertThat(spark.slots()).isEqualTo(2);
            Search.Outcome onSpark = Search.run(SearchRequest.of(SparkRuns.FOUR, dir.resolve("spark"))
                    .withData(data).withParallel(spark.slots()).withRunner(spark));
            SparkRuns.assertSameRuns(local, onSpark);
            assertThat(spark.overheadSeconds()).isGreaterThan(0);
            assertThat(updates.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("statistics posted").isTrue();
            assertThat(posted).contains(org.deeplearning4j.ui.model.stats.impl.SbeStatsInitializationReport.class
                    .getName(), org.deeplearning4j.ui.model.storage.impl.SbeStorageMetaData.class.getName());
        } finally {
            ui.stop(0);
        }
    }

    @Test
    void aPrunerDecidesOnTheDriverAndStopsTheCandidateOnItsExecutorAsLocally(@TempDir Path dir) throws Exception {
        org.losslab.search.SearchSpec pruned = SparkRuns.FOUR.toBuilder()
                .activations(org.losslab.preset.HiddenActivation.SIGMOID).eta(0.5, 0.001).epochs(3)
                .pruner(new org.losslab.search.Pruner.Median(1, 0)).build();
        Search.Outcome local = Search.run(SearchRequest.of(pruned, dir.resolve("local")).withData(data));
        assertThat(RunRecord.read(Search.candidateFolder(local.folder(), 2)).status()).isEqualTo(RunStatus.PRUNED);
        try (SparkRunner spark = SparkRunner.start(SparkOptions.of("local[2]"))) {
            Search.Outcome onSpark = Search.run(SearchRequest.of(pruned, dir.resolve("spark")).withData(data)
                    .withParallel(1).withRunner(spark));
            SparkRuns.assertSameRuns(local, onSpark);
            RunRecord second = RunRecord.read(Search.candidateFolder(onSpark.folder(), 2));
            assertThat(second.completedEpochs()).as("stopped on the executor after epoch 1 of 3").isEqualTo(1);
            assertThat(onSpark.ranked().get(1).statusText()).isEqualTo(local.ranked().get(1).statusText())
                    .startsWith("pruned after epoch 1: ");
        }
    }

    @Test
    void anInterruptedCandidateContinuesOnSparkFromItsCheckpoint(@TempDir Path dir) throws Exception {
        Search.Outcome reference = Search.run(SearchRequest.of(SparkRuns.FOUR, dir.resolve("reference"))
                .withData(data));
        // The search was stopped during candidate 2's second epoch: its folder holds the run after epoch 1.
        Path folder = dir.resolve("search");
        Path second = Search.candidateFolder(folder, 2);
        Search.run(SearchRequest.of(SparkRuns.FOUR, folder).withData(data).withRunner(job -> {
            if (job.number() != 2) {
                return CandidateRunner.LOCAL.train(job);
            }
            return Training.run(job.experiment(), job.data(), job.folder(), new TrainingListener() {
                @Override
                public void epochDone(EpochMetrics metrics, RunRecord record) {
                    throw new IllegalStateException("stopped");
                }
            }).record();
        }));
        resumesOnSparkAfterEpochOne(reference, folder, second);
    }

    /** The search in {@code folder}, whose candidate {@code second} stopped after epoch 1, resumed on local[2]. */
    private static void resumesOnSparkAfterEpochOne(Search.Outcome reference, Path folder, Path second)
            throws Exception {
        RunRecord stopped = RunRecord.read(second);
        assertThat(stopped.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(stopped.completedEpochs()).isEqualTo(1);
        try (SparkRunner spark = SparkRunner.start(SparkOptions.of("local[2]"))) {
            Search.Outcome resumed = Search.run(SearchRequest.of(SparkRuns.FOUR, folder).withData(data)
                    .withParallel(2).withResume(true).withRunner(spark));
            SparkRuns.assertSameRuns(reference, resumed);
        }
        assertThat(RunRecord.read(second).created()).as("resumed, not restarted").isEqualTo(stopped.created());
        assertThat(RunRecord.read(second).status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void aSearchWhoseDriverStoppedMidCandidateResumesFromTheEpochStreamedBack(@TempDir Path dir) throws Exception {
        Search.Outcome reference = Search.run(SearchRequest.of(SparkRuns.FOUR, dir.resolve("reference"))
                .withData(data));
        Path folder = dir.resolve("search");
        Path second = Search.candidateFolder(folder, 2);
        java.util.concurrent.atomic.AtomicReference<Thread> secondThread = new java.util.concurrent.atomic
                .AtomicReference<>();
        try (SparkRunner spark = SparkRunner.start(SparkOptions.of("local[2]"))) {
            // the driver stops once candidate 2's first epoch is back: its thread is interrupted, Spark's job
            // cancelled, and the search ends there, as a driver killed then would leave it
            spark.onCheckpoint((candidate, record) -> {
                if (candidate.equals(second) && record.completedEpochs() == 1) {
                    secondThread.get().interrupt();
                }
            });
            CandidateRunner stopping = job -> {
                if (job.number() == 2) {
                    secondThread.set(Thread.currentThread());
                }
                return spark.train(job);
            };
            assertThatThrownBy(() -> Search.run(SearchRequest.of(SparkRuns.FOUR, folder).withData(data)
                    .withParallel(1).withRunner(stopping))).hasRootCauseInstanceOf(InterruptedException.class);
        }
        // the folder holds the checkpoint that streamed back after epoch 1
        resumesOnSparkAfterEpochOne(reference, folder, second);
    }

    @Test
    void aDamagedCopyOfTheDataIsRefusedOnTheExecutorInOneLine(@TempDir Path dir) {
        DataPayload damaged = DataPayload.of(data).damaged(Dataset.Part.TRAIN_LABELS);
        assertThatThrownBy(() -> damaged.materialize(dir, "7@host"))
                .isInstanceOf(org.losslab.data.DataException.class)
                .hasMessageStartingWith("executor 7@host: bundled sample train-labels-idx1-ubyte.gz arrived with MD5 ")
                .hasMessageContaining(", not the driver's " + data.files().get(1).md5());
    }

    @Test
    void theJvmOptionsAreSparksOwn() {
        assertThat(String.join(" ", SparkJvm.MODULE_OPTIONS))
                .isEqualTo(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions());
        assertThat(SparkJvm.sparkPresent()).isTrue();
    }

    @Test
    void masterUrlsThatAreNoneAreRefusedNamingTheOption() {
        for (String bad : new String[] {"local[0]", "yarn", "spark://host", "spark//h:7077", "local[2", "mesos://h:1"}) {
            assertThatThrownBy(() -> SparkOptions.of(bad)).isInstanceOf(SpecException.class)
                    .hasMessage("spark: not a Spark master URL: '" + bad
                            + "' (local[N] for N threads here, spark://host:port for a standalone cluster)");
        }
        assertThat(SparkOptions.of("local[*]").isLocal()).isTrue();
        assertThat(SparkOptions.of("spark://a:7077,b:7077").isLocal()).isFalse();
    }

    @Test
    void anUnreachableMasterIsOneLineWithinTheTimeout() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String master = "spark://127.0.0.1:" + port;
        assertThatThrownBy(() -> SparkRunner.start(SparkOptions.of(master).withStartTimeout(Duration.ofSeconds(5))))
                .isInstanceOf(CandidateRunner.Unavailable.class)
                .hasMessage(master + ": no Spark master answers there (nothing listens, or the host cannot be "
                        + "reached)");
        assertThat(Files.exists(Path.of("metastore_db"))).isFalse();
    }
}

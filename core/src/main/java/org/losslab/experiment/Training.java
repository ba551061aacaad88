package org.losslab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsInitializationConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsUpdateConfiguration;
import org.losslab.data.DataException;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MiniBatches;
import org.losslab.data.MnistData;
import org.losslab.data.Split;
import org.losslab.io.AtomicFiles;
import org.losslab.io.FolderLock;
import org.losslab.io.BuildInfo;
import org.losslab.model.ModelZip;
import org.losslab.nd4j.Nd4jSetup;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Networks;
import org.losslab.report.Charts;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link Experiment} in a run folder: after every epoch it evaluates on the validation split, records
 * the lecture's slowdown signals, and checkpoints ({@code model.zip}, {@code run.json}, {@code curves.png}), so a
 * killed run resumes from its last completed epoch and ends exactly as an uninterrupted one.
 */
public final class Training {

    private static final Logger LOG = LoggerFactory.getLogger(Training.class);
    static final int SATURATION_EXAMPLES = 1000;
    private static final int GRADIENT_SAMPLE_EVERY = 10;
    /** DL4J's training statistics (for the browser UI) are collected this many times an epoch. */
    private static final int STATS_PER_EPOCH = 25;
    /** Examples per forward pass of the epoch-end training cost. */
    static final int COST_CHUNK = 5000;
    /** The file of a run's DL4J training statistics, in its folder. */
    public static final String STATS_FILE = "stats.dl4j";

    private Training() {
    }

    /**
     * A finished run.
     *
     * @param folder  its folder
     * @param record  its record, as in {@code run.json}
     * @param network the final network (the best one when early stopping ended the run)
     */
    public record Outcome(Path folder, RunRecord record, MultiLayerNetwork network) {
    }

    /**
     * {@return a new folder under {@code modelsRoot} named after the time and the spec, such as {@code
     * 20261128-130501-cross-entropy-sigmoid-30}}
     *
     * @param modelsRoot the folder of run folders ({@code models})
     * @param network the network, for its preset and hidden sizes
     */
    public static Path newRunFolder(Path modelsRoot, NetworkSpec network) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String hidden = String.join("-", network.hidden().stream().map(String::valueOf).toList());
        String base = stamp + "-" + network.preset().id() + "-" + hidden;
        Files.createDirectories(modelsRoot);
        for (int n = 1; ; n++) {
            Path folder = modelsRoot.resolve(n == 1 ? base : base + "-" + n);
            try {
                return Files.createDirectory(folder);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken: try the next suffix
            }
        }
    }

    /**
     * Loads the data and trains in a new folder under {@code modelsRoot}, telling no one.
     *
     * @param experiment what to train, on which data
     * @param modelsRoot the folder of run folders ({@code models})
     * @return the finished run
     */
    public static Outcome run(Experiment experiment, Path modelsRoot) throws IOException {
        return run(experiment, modelsRoot, TrainingListener.NONE);
    }

    /**
     * Loads the data and trains in a new folder under {@code modelsRoot}.
     *
     * @param experiment what to train, on which data
     * @param modelsRoot the folder of run folders ({@code models})
     * @param listener hears how it goes
     * @return the finished run
     */
    public static Outcome run(Experiment experiment, Path modelsRoot, TrainingListener listener) throws IOException {
        MnistData data = MnistData.load(experiment.data());
        return run(experiment, data, newRunFolder(modelsRoot, experiment.network()), listener);
    }

    /**
     * Trains on loaded data in {@code folder} (created if missing).
     *
     * @param experiment what to train, on which data
     * @param data the loaded data
     * @param folder the run folder (created if missing)
     * @param listener hears how it goes
     * @return the finished run
     */
    public static Outcome run(Experiment experiment, MnistData data, Path folder, TrainingListener listener)
            throws IOException {
        return run(experiment, data, folder, listener, LiveStats.NONE);
    }

    /**
     * As {@link #run(Experiment, MnistData, Path, Progress)}, also sending DL4J's training statistics to
     * {@code live} (for the browser UI) as they are made; they always go to {@code stats.dl4j} in the folder.
     *
     * @param experiment what to train, on which data
     * @param data the loaded data
     * @param folder the run folder (created if missing)
     * @param listener hears how it goes
     * @param live where training statistics go as they are made (DL4J's browser UI), besides the files; {@code
     *             LiveStats.NONE} for nowhere
     * @return the finished run
     */
    public static Outcome run(Experiment experiment, MnistData data, Path folder, TrainingListener listener,
                              StatsStorageRouter live) throws IOException {
        data.check(experiment.data(), "data");
        Nd4jSetup.install();
        try (FolderLock lock = FolderLock.acquire(folder, "run"); Nd4jSetup.Slot slot = Nd4jSetup.trainingSlot()) {
            return start(experiment, data, folder, listener, live);
        }
    }

    private static Outcome start(Experiment experiment, MnistData data, Path folder, TrainingListener listener,
                                 StatsStorageRouter live) throws IOException {
        NetworkSpec network = network(experiment, data);
        RunRecord record = new RunRecord(folder.getFileName().toString(), RunStatus.RUNNING,
                java.time.OffsetDateTime.now().withNano(0).toString(), BuildInfo.versions(), network, experiment.epochs(),
                experiment.batchSize(), experiment.earlyStop(), experiment.threads(), experiment.trainingCost(),
                dataRecord(experiment, data),
                List.of(), OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 0, Optional.empty(),
                org.losslab.io.Invocation.current());
        MultiLayerNetwork net = Networks.network(network);
        record = record.withStart(StartProbe.start(net, data, experiment.batchSize()));
        AtomicFiles.writeString(folder.resolve("run.json"), record.toJson());
        return train(record, data, net, folder, listener, live);
    }

    /**
     * {@return the network an experiment trains on this data: its L2 term scaled by the training set's size (λ/n)}
     *
     * @param experiment what to train, on which data
     * @param data the loaded data
     */
    public static NetworkSpec network(Experiment experiment, MnistData data) {
        return experiment.network().withL2(experiment.network().lambda(), data.train().count());
    }

    /**
     * Continues a killed run from its last completed epoch. The checkpoint is {@code model.zip} with the record
     * inside it (both written in one atomic step); {@code run.json} only counts before the first checkpoint.
     *
     * @param folder the run folder
     * @param listener hears how it goes
     * @return the finished run
     */
    public static Outcome resume(Path folder, TrainingListener listener) throws IOException {
        return resume(folder, listener, LiveStats.NONE);
    }

    /**
     * As {@link #resume(Path, Progress)}, also sending training statistics to {@code live}. A run whose record
     * counts finished epochs but whose checkpoint is missing or unreadable is refused, never trained afresh
     * under the old record: {@link #restart} does that, when asked.
     *
     * @throws MissingCheckpointException when {@code run.json} counts epochs that no checkpoint holds
     * @param folder the run folder
     * @param listener hears how it goes
     * @param live where training statistics go as they are made (DL4J's browser UI), besides the files; {@code
     *             LiveStats.NONE} for nowhere
     * @return the finished run
     */
    public static Outcome resume(Path folder, TrainingListener listener, StatsStorageRouter live) throws IOException {
        return resume(folder, Optional.empty(), listener, live);
    }

    /**
     * As {@link #resume(Path, TrainingListener, StatsStorageRouter)} on data already loaded (a search's, or what a
     * Spark executor received), which must be the data the run started on: the same files by their MD5s.
     *
     * @param folder the run folder
     * @param data the loaded data
     * @param listener hears how it goes
     * @param live where training statistics go as they are made, besides the files
     * @return the finished run
     * @throws DataException when the data's MD5s are not those the run started on
     */
    public static Outcome resume(Path folder, MnistData data, TrainingListener listener, StatsStorageRouter live)
            throws IOException {
        return resume(folder, Optional.of(data), listener, live);
    }

    private static Outcome resume(Path folder, Optional<MnistData> data, TrainingListener listener,
                                  StatsStorageRouter live) throws IOException {
        RunRecord.read(folder); // a folder that is no run is named before anything is made in it
        Nd4jSetup.install();
        try (FolderLock lock = FolderLock.acquire(folder, "run"); Nd4jSetup.Slot slot = Nd4jSetup.trainingSlot()) {
            return continueRun(folder, data, listener, live);
        }
    }

    private static Outcome continueRun(Path folder, Optional<MnistData> given, TrainingListener listener,
                                       StatsStorageRouter live) throws IOException {
        RunRecord record = RunRecord.read(folder);
        if (record.status() != RunStatus.RUNNING) {
            throw new IllegalArgumentException(folder + ": the run is already " + record.status()
                    + "; nothing to resume");
        }
        removeLeftovers(folder);
        MultiLayerNetwork checkpoint = null;
        Path model = folder.resolve("model.zip");
        if (Files.exists(model)) {
            ModelZip.Loaded loaded = ModelZip.load(model);
            if (loaded.runJson().isEmpty()) {
                throw new MissingCheckpointException(model, "no run record inside; it is not this run's checkpoint");
            }
            record = RunRecord.fromJson(loaded.runJson().get(), model.toString());
            checkpoint = loaded.network();
        } else if (record.completedEpochs() > 0) {
            throw new MissingCheckpointException(model, "missing, but run.json counts " + record.completedEpochs()
                    + " finished epoch" + (record.completedEpochs() == 1 ? "" : "s") + "; without the checkpoint "
                    + "the run cannot continue where it stopped");
        }
        RunRecord recorded = record;
        MnistData data = given.orElseGet(() -> MnistData.load(recordedData(recorded)));
        checkData(folder, record, data);
        MultiLayerNetwork net = checkpoint != null ? checkpoint : Networks.network(record.network());
        LOG.info("resuming {} after epoch {}", folder, record.completedEpochs());
        return train(record, data, net, folder, listener, live);
    }

    /**
     * Trains a run again from epoch 0 with the settings its {@code run.json} records (same spec, seed and data),
     * discarding its checkpoint, metrics, statistics and charts: for a run whose checkpoint is lost or damaged.
     *
     * @param folder the run folder
     * @param listener hears how it goes
     * @param live where training statistics go as they are made (DL4J's browser UI), besides the files; {@code
     *             LiveStats.NONE} for nowhere
     * @return the finished run
     */
    public static Outcome restart(Path folder, TrainingListener listener, StatsStorageRouter live) throws IOException {
        RunRecord.read(folder);
        Nd4jSetup.install();
        try (FolderLock lock = FolderLock.acquire(folder, "run"); Nd4jSetup.Slot slot = Nd4jSetup.trainingSlot()) {
            return trainAgain(folder, listener, live);
        }
    }

    private static Outcome trainAgain(Path folder, TrainingListener listener, StatsStorageRouter live) throws IOException {
        RunRecord record = RunRecord.read(folder).restarted();
        removeLeftovers(folder);
        MnistData data = MnistData.load(recordedData(record));
        checkData(folder, record, data);
        for (String old : List.of("model.zip", "best.zip", STATS_FILE, "curves.png")) {
            Files.deleteIfExists(folder.resolve(old));
        }
        AtomicFiles.writeString(folder.resolve("run.json"), record.toJson());
        LOG.info("restarting {} from epoch 0", folder);
        return train(record, data, Networks.network(record.network()), folder, listener, live);
    }

    /**
     * A run's checkpoint ({@code model.zip}) that is missing or not this run's, while its record counts finished
     * epochs; {@link #restart} trains the run again from epoch 0.
     */
    public static final class MissingCheckpointException extends org.losslab.io.BadFileException {
        private static final long serialVersionUID = 1L;

        MissingCheckpointException(Path checkpoint, String problem) {
            super(checkpoint, problem);
        }
    }

    private static DataSpec recordedData(RunRecord record) {
        RunRecord.DataRecord recorded = record.data();
        return DataSpec.of(Dataset.parse(recorded.dataset()))
                .withDataDir(recorded.folder().map(Path::of))
                .withLimits(recorded.trainLimit(), recorded.testLimit());
    }

    private static void checkData(Path folder, RunRecord record, MnistData data) {
        Map<String, String> md5 = md5(data);
        if (!md5.equals(record.data().md5())) {
            throw new DataException(folder + ": the data has changed since the run started (MD5s "
                    + record.data().md5() + " then, " + md5 + " now)");
        }
    }

    private static Outcome train(RunRecord record, MnistData data, MultiLayerNetwork net, Path folder,
                                 TrainingListener listener, StatsStorageRouter live) throws IOException {
        try (StatsRecorder stats = new StatsRecorder(folder.resolve(STATS_FILE), live)) {
            return train(record, data, net, folder, listener, stats);
        }
    }

    private static Outcome train(RunRecord record, MnistData data, MultiLayerNetwork plain, Path folder,
                                 TrainingListener listener, StatsRecorder stats) throws IOException {
        Threads.limit(record.threads());
        NetworkSpec spec = record.network();
        int layers = plain.getnLayers();
        boolean batchCosts = record.trainingCost() == TrainingCost.MINI_BATCH_MEAN;
        SlowdownListener slowdown = new SlowdownListener(layers, GRADIENT_SAMPLE_EVERY, batchCosts);
        int batchesPerEpoch = (data.train().count() + record.batchSize() - 1) / record.batchSize();
        int statsEvery = Math.max(10, batchesPerEpoch / STATS_PER_EPOCH);
        // The score of a mini-batch is computed only where it is read: by the statistics' reports (the UI's score
        // chart), and on every batch for the mini-batch mean.
        TrainingNetwork net = TrainingNetwork.of(plain, batchCosts ? iteration -> true
                : iteration -> iteration % statsEvery == 0);
        net.setListeners(slowdown, statsListener(stats, record.id(), statsEvery));
        stats.putStaticInfo(EpochReport.start(record.id(), STATS_WORKER, System.currentTimeMillis()));
        Split train = data.train();
        MiniBatches batches = new MiniBatches(train, record.batchSize(), spec.seed(), true).reusingBuffers()
                .startingAt(record.completedEpochs());
        DataSet validation = data.validation().arrays();
        INDArray saturationInputs = validation.getFeatures().get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(SATURATION_EXAMPLES,
                        data.validation().count())), org.nd4j.linalg.indexing.NDArrayIndex.all());

        ScoreImprovementEpochTerminationCondition stop = record.earlyStop() > 0
                ? new ScoreImprovementEpochTerminationCondition(record.earlyStop()) : null;
        if (stop != null) {
            stop.initialize();
            for (EpochMetrics done : record.metrics()) {
                stop.terminate(done.epoch(), done.validationAccuracy(), false);
            }
        }
        boolean stoppedEarly = false;
        for (int epoch = record.completedEpochs() + 1; epoch <= record.epochs(); epoch++) {
            listener.epochStarted(epoch, record.epochs(), batchesPerEpoch);
            slowdown.startEpoch();
            long start = System.nanoTime();
            while (batches.hasNext()) {
                net.fit(batches.next());
                listener.batchDone();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            batches.reset();
            stats.flush();

            double trainCost = batchCosts ? slowdown.meanCost() : cost(net, train);
            INDArray validationOutput = net.output(validation.getFeatures(), false);
            double validationCost = net.score(validation, false);
            if (!Double.isFinite(trainCost) || !Double.isFinite(validationCost)
                    || !Double.isFinite(validationOutput.sumNumber().doubleValue())) {
                LOG.info("{} diverged at epoch {}: cost {}", folder, epoch, trainCost);
                EpochMetrics metrics = new EpochMetrics(epoch, trainCost, validationCost, Double.NaN,
                        seconds, slowdown.meanAbsGradients(), List.of(), slowdown.meanAbsBiasGradients());
                record = record.withEpoch(metrics, record.bestEpoch(), seconds)
                        .finished(RunStatus.DIVERGED, OptionalDouble.empty(), OptionalDouble.empty());
                AtomicFiles.writeString(folder.resolve("run.json"), record.toJson());
                listener.epochDone(metrics, record);
                return new Outcome(folder, record, net.plain());
            }
            Evaluation evaluation = new Evaluation(10);
            evaluation.eval(validation.getLabels(), validationOutput);
            EpochMetrics metrics = new EpochMetrics(epoch, trainCost, validationCost,
                    evaluation.accuracy(), seconds, slowdown.meanAbsGradients(), saturation(net, saturationInputs),
                    slowdown.meanAbsBiasGradients());
            OptionalInt best = record.bestEpoch();
            boolean improved = best.isEmpty()
                    || metrics.validationAccuracy() > record.metrics().get(best.getAsInt() - 1).validationAccuracy();
            record = record.withEpoch(metrics, improved ? OptionalInt.of(epoch) : best, seconds);
            checkpoint(record, net, folder, improved && record.earlyStop() > 0);
            stats.putUpdate(new EpochReport(record.id(), STATS_WORKER, System.currentTimeMillis(), metrics));
            stats.flush(); // in the file before the listener hears of the epoch (a Spark executor ships the folder)
            listener.epochDone(metrics, record);
            if (stop != null && stop.terminate(epoch, metrics.validationAccuracy(), false) && epoch < record.epochs()) {
                LOG.info("early stop after epoch {}: no better validation accuracy in {} epochs", epoch,
                        record.earlyStop());
                stoppedEarly = true;
                break;
            }
            if (epoch < record.epochs() && listener.prune(metrics, record)) {
                LOG.info("{} pruned after epoch {}", folder, epoch);
                record = record.finished(RunStatus.PRUNED, OptionalDouble.empty(), OptionalDouble.empty());
                net.setListeners();
                checkpoint(record, net, folder, false);
                Files.deleteIfExists(folder.resolve("best.zip"));
                return new Outcome(folder, record, net.plain());
            }
        }
        net.setListeners();
        MultiLayerNetwork result = net.plain();
        if (record.earlyStop() > 0 && Files.exists(folder.resolve("best.zip"))) {
            result = ModelZip.load(folder.resolve("best.zip")).network();
        }
        DataSet test = data.test().arrays();
        Evaluation evaluation = new Evaluation(10);
        evaluation.eval(test.getLabels(), result.output(test.getFeatures(), false));
        record = record.finished(stoppedEarly ? RunStatus.STOPPED_EARLY : RunStatus.FINISHED,
                OptionalDouble.of(result.score(test, false)), OptionalDouble.of(evaluation.accuracy()));
        checkpoint(record, result, folder, false);
        Files.deleteIfExists(folder.resolve("best.zip"));
        return new Outcome(folder, record, result);
    }

    /**
     * DL4J's {@code StatsListener} for the browser UI: score, learning rates, and per layer the mean, standard
     * deviation and mean magnitude of parameters, gradients, updates and activations, every {@code every} batches
     * ({@value #STATS_PER_EPOCH} times an epoch, at least every 10 batches). Histograms are left out: each report
     * costs ND4J operations on the training thread (docs/benchmarks.md).
     */
    /** The worker id of a run's statistics: one worker, LossLab's. */
    static final String STATS_WORKER = "losslab";

    private static StatsListener statsListener(StatsRecorder stats, String sessionId, int every) {
        return new StatsListener(stats, new DefaultStatsInitializationConfiguration(true, true, true),
                new DefaultStatsUpdateConfiguration.Builder().reportingFrequency(every)
                        .collectHistogramsParameters(false).collectHistogramsGradients(false)
                        .collectHistogramsUpdates(false).collectHistogramsActivations(false).build(),
                sessionId, STATS_WORKER);
    }

    /**
     * {@return the cost over all of {@code split} at the network's weights: the mean cost per example plus the L2
     * term, as DL4J's {@code score(DataSet)} gives it for one batch and the book's {@code total_cost} computes it}
     * The examples go through in chunks of {@value #COST_CHUNK}; their costs are summed in Java in one order, so the
     * figure does not move with the machine's load.
     *
     * @param net the network
     * @param split the examples
     */
    static double cost(MultiLayerNetwork net, Split split) {
        MiniBatches chunks = new MiniBatches(split, COST_CHUNK, 0, false).reusingBuffers();
        double sum = 0;
        while (chunks.hasNext()) {
            for (float cost : net.scoreExamples(chunks.next(), false).data().asFloat()) {
                sum += cost;
            }
        }
        return sum / split.count() + net.calcRegularizationScore(true);
    }

    /** Removes temporary files that a killed run left behind (atomic writes that never reached their move). */
    private static void removeLeftovers(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> AtomicFiles.isTemporary(f, null)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Writes the model with its record (the checkpoint), then run.json and the curves; each file atomically. */
    private static void checkpoint(RunRecord record, MultiLayerNetwork net, Path folder, boolean best)
            throws IOException {
        String json = record.toJson();
        ModelZip.save(net, java.util.Optional.of(json), folder.resolve("model.zip"));
        if (best) {
            Files.copy(folder.resolve("model.zip"), folder.resolve("best.zip"), StandardCopyOption.REPLACE_EXISTING);
        }
        AtomicFiles.writeString(folder.resolve("run.json"), json);
        curves(record, folder.resolve("curves.png"));
    }

    /** Cost and accuracy against epoch. */
    static void curves(RunRecord record, Path png) throws IOException {
        double[] epochs = record.metrics().stream().mapToDouble(EpochMetrics::epoch).toArray();
        if (epochs.length == 0) {
            return;
        }
        Charts.twoPanelChart(png, record.id(), "epoch",
                "cost", List.of(
                        new Charts.Line("training cost", epochs,
                                record.metrics().stream().mapToDouble(EpochMetrics::trainCost).toArray()),
                        new Charts.Line("validation cost", epochs,
                                record.metrics().stream().mapToDouble(EpochMetrics::validationCost).toArray())),
                "validation accuracy (%)", List.of(new Charts.Line("validation accuracy", epochs,
                        record.metrics().stream().mapToDouble(m -> 100 * m.validationAccuracy()).toArray())));
    }

    /** Per layer, the fraction of saturated units, or null for activations that do not saturate. */
    static List<OptionalDouble> saturation(MultiLayerNetwork net, INDArray inputs) {
        List<INDArray> activations = net.feedForward(inputs, false);
        List<OptionalDouble> fractions = new ArrayList<>();
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            IActivation activation = ((BaseLayer) net.getLayer(layer).conf().getLayer()).getActivationFn();
            boolean sigmoid = activation instanceof ActivationSigmoid;
            boolean tanh = activation instanceof ActivationTanH;
            if (!sigmoid && !tanh) {
                fractions.add(OptionalDouble.empty());
                continue;
            }
            float[] values = activations.get(layer + 1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                    .data().asFloat();
            long saturated = 0;
            for (float a : values) {
                if (sigmoid ? (a < 0.02f || a > 0.98f) : Math.abs(a) > 0.96f) {
                    saturated++;
                }
            }
            fractions.add(values.length == 0 ? OptionalDouble.empty()
                    : OptionalDouble.of((double) saturated / values.length));
        }
        return fractions;
    }

    private static RunRecord.DataRecord dataRecord(Experiment experiment, MnistData data) {
        return new RunRecord.DataRecord(data.dataset().id(), data.location().source(),
                data.location().folder().map(folder -> folder.toAbsolutePath().toString()),
                data.location().isSample(), experiment.data().trainLimit(), experiment.data().testLimit(),
                data.train().count(), data.validation().count(), data.test().count(), md5(data));
    }

    /**
     * {@return the MD5 of each of the data's four files, by file name, as run records hold them}
     *
     * @param data the loaded data
     */
    public static Map<String, String> md5(MnistData data) {
        Map<String, String> md5 = new LinkedHashMap<>();
        for (MnistData.FileInfo file : data.files()) {
            md5.put(file.part().gzName(), file.md5());
        }
        return md5;
    }
}

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
    private static final int SATURATION_EXAMPLES = 1000;
    private static final int GRADIENT_SAMPLE_EVERY = 10;
    /** DL4J's training statistics (for the browser UI) are collected this many times an epoch. */
    private static final int STATS_PER_EPOCH = 25;
    /** The file of a run's DL4J training statistics, in its folder. */
    public static final String STATS_FILE = "stats.dl4j";

    private Training() {
    }

    /** Hears about progress; every method has an empty default. */
    public interface Progress {
        /** An epoch (from 1) of {@code batches} mini-batches starts. */
        default void epochStarted(int epoch, int epochs, int batches) {
        }

        /** One more mini-batch is done. */
        default void batchDone() {
        }

        /** An epoch is done and checkpointed. */
        default void epochDone(EpochMetrics metrics, RunRecord record) {
        }
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

    /** A new folder under {@code modelsRoot} named after the time and the spec, e.g. {@code 20261128-1305-cross-entropy-sigmoid-30}. */
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

    /** Loads the data and trains in a new folder under {@code modelsRoot}. */
    public static Outcome run(Experiment experiment, Path modelsRoot, Progress progress) throws IOException {
        MnistData data = MnistData.load(experiment.data());
        return run(experiment, data, newRunFolder(modelsRoot, experiment.network()), progress);
    }

    /** Trains on loaded data in {@code folder} (created if missing). */
    public static Outcome run(Experiment experiment, MnistData data, Path folder, Progress progress)
            throws IOException {
        return run(experiment, data, folder, progress, null);
    }

    /**
     * As {@link #run(Experiment, MnistData, Path, Progress)}, also sending DL4J's training statistics to
     * {@code live} (for the browser UI) as they are made; they always go to {@code stats.dl4j} in the folder.
     */
    public static Outcome run(Experiment experiment, MnistData data, Path folder, Progress progress,
                              StatsStorageRouter live) throws IOException {
        try (FolderLock lock = FolderLock.acquire(folder, "run")) {
            return start(experiment, data, folder, progress, live);
        }
    }

    private static Outcome start(Experiment experiment, MnistData data, Path folder, Progress progress,
                                 StatsStorageRouter live) throws IOException {
        NetworkSpec network = network(experiment, data);
        RunRecord record = new RunRecord(folder.getFileName().toString(), RunRecord.RUNNING,
                java.time.OffsetDateTime.now().withNano(0).toString(), BuildInfo.versions(), network, experiment.epochs(),
                experiment.batchSize(), experiment.earlyStop(), experiment.threads(), dataRecord(experiment, data),
                List.of(), null, null, null, 0);
        MultiLayerNetwork net = Networks.network(network);
        AtomicFiles.writeString(folder.resolve("run.json"), record.toJson());
        return train(record, data, net, folder, progress, live);
    }

    /** The network an experiment trains on this data: its L2 term scaled by the training set's size (λ/n). */
    public static NetworkSpec network(Experiment experiment, MnistData data) {
        return experiment.network().withL2(experiment.network().lambda(), data.train().count());
    }

    /**
     * Continues a killed run from its last completed epoch. The checkpoint is {@code model.zip} with the record
     * inside it (both written in one atomic step); {@code run.json} only counts before the first checkpoint.
     */
    public static Outcome resume(Path folder, Progress progress) throws IOException {
        return resume(folder, progress, null);
    }

    /**
     * As {@link #resume(Path, Progress)}, also sending training statistics to {@code live}. A run whose record
     * counts finished epochs but whose checkpoint is missing or unreadable is refused, never trained afresh
     * under the old record: {@link #restart} does that, when asked.
     *
     * @throws MissingCheckpointException when {@code run.json} counts epochs that no checkpoint holds
     */
    public static Outcome resume(Path folder, Progress progress, StatsStorageRouter live) throws IOException {
        RunRecord.read(folder); // a folder that is no run is named before anything is made in it
        try (FolderLock lock = FolderLock.acquire(folder, "run")) {
            return continueRun(folder, progress, live);
        }
    }

    private static Outcome continueRun(Path folder, Progress progress, StatsStorageRouter live) throws IOException {
        RunRecord record = RunRecord.read(folder);
        if (!record.status().equals(RunRecord.RUNNING)) {
            throw new IllegalArgumentException(folder + ": the run is already " + record.status()
                    + "; nothing to resume");
        }
        removeLeftovers(folder);
        MultiLayerNetwork checkpoint = null;
        Path model = folder.resolve("model.zip");
        if (Files.exists(model)) {
            ModelZip.Loaded loaded = ModelZip.load(model);
            if (loaded.runJson() == null) {
                throw new MissingCheckpointException(model, "no run record inside; it is not this run's checkpoint");
            }
            record = RunRecord.fromJson(loaded.runJson(), model.toString());
            checkpoint = loaded.network();
        } else if (record.completedEpochs() > 0) {
            throw new MissingCheckpointException(model, "missing, but run.json counts " + record.completedEpochs()
                    + " finished epoch" + (record.completedEpochs() == 1 ? "" : "s") + "; without the checkpoint "
                    + "the run cannot continue where it stopped");
        }
        MnistData data = MnistData.load(recordedData(record));
        checkData(folder, record, data);
        MultiLayerNetwork net = checkpoint != null ? checkpoint : Networks.network(record.network());
        LOG.info("resuming {} after epoch {}", folder, record.completedEpochs());
        return train(record, data, net, folder, progress, live);
    }

    /**
     * Trains a run again from epoch 0 with the settings its {@code run.json} records (same spec, seed and data),
     * discarding its checkpoint, metrics, statistics and charts: for a run whose checkpoint is lost or damaged.
     */
    public static Outcome restart(Path folder, Progress progress, StatsStorageRouter live) throws IOException {
        RunRecord.read(folder);
        try (FolderLock lock = FolderLock.acquire(folder, "run")) {
            return trainAgain(folder, progress, live);
        }
    }

    private static Outcome trainAgain(Path folder, Progress progress, StatsStorageRouter live) throws IOException {
        RunRecord record = RunRecord.read(folder).restarted();
        removeLeftovers(folder);
        MnistData data = MnistData.load(recordedData(record));
        checkData(folder, record, data);
        for (String old : List.of("model.zip", "best.zip", STATS_FILE, "curves.png")) {
            Files.deleteIfExists(folder.resolve(old));
        }
        AtomicFiles.writeString(folder.resolve("run.json"), record.toJson());
        LOG.info("restarting {} from epoch 0", folder);
        return train(record, data, Networks.network(record.network()), folder, progress, live);
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
                .withDataDir(recorded.folder() == null ? null : Path.of(recorded.folder()))
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
                                 Progress progress, StatsStorageRouter live) throws IOException {
        try (StatsRecorder stats = new StatsRecorder(folder.resolve(STATS_FILE), live)) {
            return train(record, data, net, folder, progress, stats);
        }
    }

    private static Outcome train(RunRecord record, MnistData data, MultiLayerNetwork net, Path folder,
                                 Progress progress, StatsRecorder stats) throws IOException {
        Threads.limit(record.threads());
        NetworkSpec spec = record.network();
        int layers = net.getnLayers();
        SlowdownListener listener = new SlowdownListener(layers, GRADIENT_SAMPLE_EVERY);
        int batchesPerEpoch = (data.train().count() + record.batchSize() - 1) / record.batchSize();
        net.setListeners(listener, statsListener(stats, record.id(), Math.max(10, batchesPerEpoch / STATS_PER_EPOCH)));
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
            progress.epochStarted(epoch, record.epochs(), batchesPerEpoch);
            listener.startEpoch();
            long start = System.nanoTime();
            while (batches.hasNext()) {
                net.fit(batches.next());
                progress.batchDone();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            batches.reset();
            stats.flush();

            INDArray validationOutput = net.output(validation.getFeatures(), false);
            double validationCost = net.score(validation, false);
            if (!Double.isFinite(listener.meanCost()) || !Double.isFinite(validationCost)
                    || !Double.isFinite(validationOutput.sumNumber().doubleValue())) {
                LOG.info("{} diverged at epoch {}: cost {}", folder, epoch, listener.meanCost());
                EpochMetrics metrics = new EpochMetrics(epoch, listener.meanCost(), validationCost, Double.NaN,
                        seconds, listener.meanAbsGradients(), List.of());
                record = record.withEpoch(metrics, record.bestEpoch(), seconds)
                        .finished(RunRecord.DIVERGED, null, null);
                AtomicFiles.writeString(folder.resolve("run.json"), record.toJson());
                progress.epochDone(metrics, record);
                return new Outcome(folder, record, net);
            }
            Evaluation evaluation = new Evaluation(10);
            evaluation.eval(validation.getLabels(), validationOutput);
            EpochMetrics metrics = new EpochMetrics(epoch, listener.meanCost(), validationCost,
                    evaluation.accuracy(), seconds, listener.meanAbsGradients(), saturation(net, saturationInputs));
            Integer best = record.bestEpoch();
            boolean improved = best == null
                    || metrics.validationAccuracy() > record.metrics().get(best - 1).validationAccuracy();
            record = record.withEpoch(metrics, improved ? epoch : best, seconds);
            checkpoint(record, net, folder, improved && record.earlyStop() > 0);
            progress.epochDone(metrics, record);
            if (stop != null && stop.terminate(epoch, metrics.validationAccuracy(), false) && epoch < record.epochs()) {
                LOG.info("early stop after epoch {}: no better validation accuracy in {} epochs", epoch,
                        record.earlyStop());
                stoppedEarly = true;
                break;
            }
        }
        if (record.earlyStop() > 0 && Files.exists(folder.resolve("best.zip"))) {
            net = ModelZip.load(folder.resolve("best.zip")).network();
            net.setListeners();
        }
        DataSet test = data.test().arrays();
        Evaluation evaluation = new Evaluation(10);
        evaluation.eval(test.getLabels(), net.output(test.getFeatures(), false));
        record = record.finished(stoppedEarly ? RunRecord.STOPPED_EARLY : RunRecord.FINISHED,
                net.score(test, false), evaluation.accuracy());
        net.setListeners();
        checkpoint(record, net, folder, false);
        Files.deleteIfExists(folder.resolve("best.zip"));
        return new Outcome(folder, record, net);
    }

    /**
     * DL4J's {@code StatsListener} for the browser UI: score, learning rates, and per layer the mean, standard
     * deviation and mean magnitude of parameters, gradients, updates and activations, every {@code every} batches
     * ({@value #STATS_PER_EPOCH} times an epoch, at least every 10 batches). Histograms are left out: each report
     * costs ND4J operations on the training thread (docs/benchmarks.md).
     */
    private static StatsListener statsListener(StatsRecorder stats, String sessionId, int every) {
        return new StatsListener(stats, new DefaultStatsInitializationConfiguration(true, true, true),
                new DefaultStatsUpdateConfiguration.Builder().reportingFrequency(every)
                        .collectHistogramsParameters(false).collectHistogramsGradients(false)
                        .collectHistogramsUpdates(false).collectHistogramsActivations(false).build(),
                sessionId, "losslab");
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
        ModelZip.save(net, json, folder.resolve("model.zip"));
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
                                record.metrics().stream().mapToDouble(EpochMetrics::trainCost).toArray(), null),
                        new Charts.Line("validation cost", epochs,
                                record.metrics().stream().mapToDouble(EpochMetrics::validationCost).toArray(), null)),
                "accuracy", List.of(new Charts.Line("validation accuracy", epochs,
                        record.metrics().stream().mapToDouble(EpochMetrics::validationAccuracy).toArray(), null)));
    }

    /** Per layer, the fraction of saturated units, or null for activations that do not saturate. */
    static List<Double> saturation(MultiLayerNetwork net, INDArray inputs) {
        List<INDArray> activations = net.feedForward(inputs, false);
        List<Double> fractions = new ArrayList<>();
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            IActivation activation = ((BaseLayer) net.getLayer(layer).conf().getLayer()).getActivationFn();
            boolean sigmoid = activation instanceof ActivationSigmoid;
            boolean tanh = activation instanceof ActivationTanH;
            if (!sigmoid && !tanh) {
                fractions.add(null);
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
            fractions.add(values.length == 0 ? null : (double) saturated / values.length);
        }
        return fractions;
    }

    private static RunRecord.DataRecord dataRecord(Experiment experiment, MnistData data) {
        return new RunRecord.DataRecord(data.dataset().id(), data.location().source(),
                data.location().isSample() ? null : data.location().folder().toAbsolutePath().toString(),
                data.location().isSample(), experiment.data().trainLimit(), experiment.data().testLimit(),
                data.train().count(), data.validation().count(), data.test().count(), md5(data));
    }

    /** The MD5 of each of the data's four files, by file name, as run records hold them. */
    public static Map<String, String> md5(MnistData data) {
        Map<String, String> md5 = new LinkedHashMap<>();
        for (MnistData.FileInfo file : data.files()) {
            md5.put(file.part().gzName(), file.md5());
        }
        return md5;
    }
}

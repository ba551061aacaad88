package org.losslab.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.losslab.io.AtomicFiles;
import org.losslab.io.BadFileException;
import org.losslab.io.StrictJson;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * LossLab's model files: a DL4J {@link ModelSerializer} zip (configuration, parameters, updater state, and the
 * input normalisation — pixel / 255, as an {@code ImagePreProcessingScaler}) with one more entry,
 * {@value #RUN_ENTRY}, holding the run's JSON record. Plain DL4J loads it with
 * {@code ModelSerializer.restoreMultiLayerNetwork}; DL4J ignores the extra entry.
 */
public final class ModelZip {

    /** The zip entry with the run's JSON record. */
    public static final String RUN_ENTRY = "losslab/run.json";
    /** MNIST's input size. */
    public static final int INPUTS = 784;
    /** MNIST's number of classes. */
    public static final int OUTPUTS = 10;

    private ModelZip() {
    }

    /**
     * A loaded model.
     *
     * @param network    the network
     * @param normalizer the input normalisation stored with it (pixel / 255), when the zip has one
     * @param runJson    LossLab's run record (JSON), when the zip has one
     */
    public record Loaded(MultiLayerNetwork network, Optional<DataNormalization> normalizer, Optional<String> runJson) {
    }

    /** {@return the input normalisation LossLab's models expect: pixel values 0–255 scaled to [0, 1]} */
    public static DataNormalization pixelScaler() {
        return new ImagePreProcessingScaler(0, 1);
    }

    /**
     * Writes a model zip atomically: a crash or a failure while writing never leaves a half-written file under
     * {@code file}; an existing file stays as it was until the new one is complete.
     *
     * @param network the network
     * @param runJson the run record to store inside, when there is one
     * @param file the file
     */
    public static void save(MultiLayerNetwork network, Optional<String> runJson, Path file) throws IOException {
        save(network, runJson, file, out -> out);
    }

    /** As {@link #save(MultiLayerNetwork, Optional, Path)}, with the stream wrapped (tests inject failures). */
    static void save(MultiLayerNetwork network, Optional<String> runJson, Path file, StreamWrapper wrapper)
            throws IOException {
        // DL4J's writeModel, given a normaliser, writes it through a stream whose close finishes the zip, and then
        // flushes that closed stream: harmless with the commons-io DL4J was built with (2.5), an IOException with the
        // one Spark 3.5 brings (2.16). So DL4J writes the network and the updater, and the normaliser entry is written
        // here with DL4J's own serializer, in the place DL4J puts it: the same bytes either way.
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, dl4j, true);
        ByteArrayOutputStream normalizer = new ByteArrayOutputStream();
        NormalizerSerializer.getDefault().write(pixelScaler(), normalizer);
        AtomicFiles.write(file, raw -> {
            OutputStream target = wrapper.wrap(raw);
            ZipOutputStream zip = new ZipOutputStream(target);
            try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()))) {
                for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    entries.transferTo(zip);
                    zip.closeEntry();
                }
            }
            zip.putNextEntry(new ZipEntry(ModelSerializer.NORMALIZER_BIN));
            zip.write(normalizer.toByteArray());
            zip.closeEntry();
            if (runJson.isPresent()) {
                zip.putNextEntry(new ZipEntry(RUN_ENTRY));
                zip.write(runJson.get().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        });
    }

    /** Wraps the output stream of {@link #save}. */
    @FunctionalInterface
    interface StreamWrapper {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    /**
     * Loads a model for MNIST: {@code path} is a model zip or a run folder holding {@code model.zip}. The file is
     * treated as hostile: it is read by LossLab, not by {@code ModelSerializer}, with every entry's size bounded by
     * what the network's configuration needs, the configuration's class names limited to DL4J's, ND4J's and
     * LossLab's, ND4J arrays checked before ND4J allocates them, only DL4J's built-in normalisers, and no Java object
     * deserialized except through {@link org.losslab.io.SafeObjectInput}'s allow-list ({@code docs/security.md}). The
     * result is
     * the network {@code ModelSerializer.restoreMultiLayerNetwork(file, true)} would give, with its normaliser.
     *
     * @throws ModelException naming the file, the entry and what is wrong
     * @param path the file
     * @return the network, its normaliser and its run record
     */
    public static Loaded load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("model.zip") : path;
        if (!Files.isRegularFile(file)) {
            throw new ModelException(file, Files.exists(file) ? "not a file" : "file not found"
                    + (Files.isDirectory(path) ? " (a run folder holds model.zip)" : ""));
        }
        try (ZipEntries zip = ZipEntries.open(file)) {
            return load(file, zip);
        }
    }

    private static Loaded load(Path file, ZipEntries zip) {
        if (!zip.has(ModelSerializer.CONFIGURATION_JSON) || !zip.has(ModelSerializer.COEFFICIENTS_BIN)) {
            throw new ModelException(file, "a zip file, but not a DL4J model (no configuration.json and "
                    + "coefficients.bin)");
        }
        MultiLayerConfiguration configuration = configuration(file, zip.small(ModelSerializer.CONFIGURATION_JSON));
        long parameters = checkShape(file, configuration);
        INDArray params = ArrayEntries.read(zip.array(ModelSerializer.COEFFICIENTS_BIN,
                parameters * 8 + ZipEntries.HEADROOM), file, ModelSerializer.COEFFICIENTS_BIN, parameters);
        configuration.setDataType(params.dataType());
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        try {
            network.init(params, false);
        } catch (RuntimeException e) {
            throw new ModelException(file, ModelSerializer.COEFFICIENTS_BIN, "does not fit the configuration ("
                    + e.getMessage() + ")", e);
        }
        restoreUpdater(file, zip, network, parameters);
        DataNormalization normalizer = Normalizers.read(file, zip.small(ModelSerializer.NORMALIZER_BIN));
        Normalizers.checkPreprocessor(file, zip.small(ModelSerializer.PREPROCESSOR_BIN));
        byte[] run = zip.small(RUN_ENTRY);
        String runJson = run == null ? null : new String(run, StandardCharsets.UTF_8);
        return new Loaded(network, Optional.ofNullable(normalizer), Optional.ofNullable(runJson));
    }

    private static MultiLayerConfiguration configuration(Path file, byte[] bytes) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        try {
            StrictJson.checkClasses(json, CONFIGURATION_CLASSES, file, ModelSerializer.CONFIGURATION_JSON);
        } catch (BadFileException e) {
            throw new ModelException(file, ModelSerializer.CONFIGURATION_JSON, e.problem(), e);
        }
        try {
            return MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw new ModelException(file, ModelSerializer.CONFIGURATION_JSON, "not a DL4J MultiLayerNetwork "
                    + "configuration (" + StrictJson.firstLine(rootMessage(e)) + ")", e);
        }
    }

    /** Classes a network configuration may name: DL4J's layers and weight inits, ND4J's functions, LossLab's cost. */
    static final List<String> CONFIGURATION_CLASSES = List.of("org.deeplearning4j.nn.", "org.nd4j.linalg.",
            "org.losslab.preset.");

    private static void restoreUpdater(Path file, ZipEntries zip, MultiLayerNetwork network, long parameters) {
        if (!zip.has(ModelSerializer.UPDATER_BIN)) {
            return;
        }
        INDArray state = ArrayEntries.read(zip.array(ModelSerializer.UPDATER_BIN,
                parameters * 8 * MAX_UPDATER_STATE_PER_PARAMETER + ZipEntries.HEADROOM), file,
                ModelSerializer.UPDATER_BIN, -1);
        INDArray expected = network.getUpdater().getStateViewArray();
        long wanted = expected == null ? 0 : expected.length();
        if (state.length() != wanted) {
            throw new ModelException(file, ModelSerializer.UPDATER_BIN, "holds " + state.length()
                    + " values; the configuration's updater keeps " + wanted);
        }
        if (wanted > 0) {
            network.getUpdater().setStateViewArray(network, state, false);
        }
    }

    /** The most updater state values per parameter of DL4J's updaters (AMSGrad keeps three). */
    private static final long MAX_UPDATER_STATE_PER_PARAMETER = 3;
    /** The most parameters a loaded model may have; LossLab's MNIST networks have under a million. */
    public static final long MAX_PARAMETERS = 50_000_000;

    /**
     * Checks the configuration before anything is allocated: fully connected layers from 784 inputs to 10 outputs,
     * each taking what the one before gives, at most {@value #MAX_PARAMETERS} parameters. Returns their number.
     */
    private static long checkShape(Path file, MultiLayerConfiguration configuration) {
        int layers = configuration.getConfs().size();
        if (layers == 0) {
            throw new ModelException(file, "the model has no layers");
        }
        long bound = 0;
        long parameters = 0;
        long previous = INPUTS;
        for (int i = 0; i < layers; i++) {
            NeuralNetConfiguration layer = configuration.getConf(i);
            if (!(layer.getLayer() instanceof FeedForwardLayer dense)) {
                throw new ModelException(file, i == 0 ? "the first layer is not a fully connected layer"
                        : "layer " + i + " is not a fully connected layer");
            }
            if (i == 0 && dense.getNIn() != INPUTS) {
                throw new ModelException(file, "the model takes " + dense.getNIn() + " inputs; MNIST models "
                        + "take " + INPUTS + " (28×28 pixels)");
            }
            if (dense.getNIn() != previous || dense.getNOut() < 1) {
                throw new ModelException(file, "layer " + i + " takes " + dense.getNIn() + " inputs and gives "
                        + dense.getNOut() + ", after a layer that gives " + previous);
            }
            try {
                // weights and biases, overflow-safe: bounded before DL4J's own count (which leaves out absent biases)
                bound = Math.addExact(bound, Math.addExact(Math.multiplyExact(dense.getNIn(), dense.getNOut()),
                        dense.getNOut()));
            } catch (ArithmeticException e) {
                bound = Long.MAX_VALUE;
            }
            if (bound > MAX_PARAMETERS) {
                throw new ModelException(file, "more than " + MAX_PARAMETERS + " parameters; LossLab loads "
                        + "MNIST networks up to that size");
            }
            parameters += dense.initializer().numParams(layer);
            previous = dense.getNOut();
        }
        if (!(configuration.getConf(layers - 1).getLayer() instanceof BaseOutputLayer output)) {
            throw new ModelException(file, "the model has no output layer");
        }
        if (output.getNOut() != OUTPUTS) {
            throw new ModelException(file, "the model has " + output.getNOut() + " outputs; MNIST models have "
                    + OUTPUTS + " (digits 0–9)");
        }
        return parameters;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}

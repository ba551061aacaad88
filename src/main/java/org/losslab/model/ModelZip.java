package org.losslab.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.losslab.io.AtomicFiles;
import org.losslab.nd4j.Nd4jTuning;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * LossLab's model files: a DL4J {@link ModelSerializer} zip (configuration, parameters, updater state, and the
 * input normalisation — pixel / 255, as an {@code ImagePreProcessingScaler}) with one more entry,
 * {@value #RUN_ENTRY}, holding the run's JSON record. Plain DL4J loads it with
 * {@code ModelSerializer.restoreMultiLayerNetwork}; DL4J ignores the extra entry.
 */
public final class ModelZip {

    static {
        Nd4jTuning.install(); // before the first loaded network: its operations keep their arrays alive
    }

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
     * @param normalizer the input normalisation stored with it (pixel / 255), or null when the zip has none
     * @param runJson    the run record, or null when the zip has none
     */
    public record Loaded(MultiLayerNetwork network, DataNormalization normalizer, String runJson) {
    }

    /** The input normalisation LossLab's models expect: pixel values 0–255 scaled to [0, 1]. */
    public static DataNormalization pixelScaler() {
        return new ImagePreProcessingScaler(0, 1);
    }

    /**
     * Writes a model zip atomically: a crash or a failure while writing never leaves a half-written file under
     * {@code file}; an existing file stays as it was until the new one is complete.
     */
    public static void save(MultiLayerNetwork network, String runJson, Path file) throws IOException {
        save(network, runJson, file, out -> out);
    }

    /** As {@link #save(MultiLayerNetwork, String, Path)}, with the stream wrapped (tests inject failures). */
    static void save(MultiLayerNetwork network, String runJson, Path file, StreamWrapper wrapper)
            throws IOException {
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(network, dl4j, true, pixelScaler());
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
            if (runJson != null) {
                zip.putNextEntry(new ZipEntry(RUN_ENTRY));
                zip.write(runJson.getBytes(StandardCharsets.UTF_8));
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
     * Loads a model for MNIST: {@code path} is a model zip or a run folder holding {@code model.zip}. Checks that
     * it is a zip, a DL4J model, and takes 784 inputs to 10 outputs.
     *
     * @throws ModelException naming the file and what is wrong
     */
    public static Loaded load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("model.zip") : path;
        if (!Files.exists(file)) {
            throw new ModelException(file + ": file not found"
                    + (Files.isDirectory(path) ? " (a run folder holds model.zip)" : ""));
        }
        String runJson;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("configuration.json") == null || zip.getEntry("coefficients.bin") == null) {
                throw new ModelException(file + ": a zip file, but not a DL4J model (no configuration.json and "
                        + "coefficients.bin)");
            }
            ZipEntry run = zip.getEntry(RUN_ENTRY);
            runJson = run == null ? null : new String(readAll(zip.getInputStream(run)), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new ModelException(file + ": not a zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        MultiLayerNetwork network;
        DataNormalization normalizer;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
            normalizer = ModelSerializer.restoreNormalizerFromFile(file.toFile());
        } catch (Exception e) {
            throw new ModelException(file + ": not a DL4J MultiLayerNetwork model (" + e.getMessage() + ")", e);
        }
        checkShape(file, network);
        return new Loaded(network, normalizer, runJson);
    }

    private static void checkShape(Path file, MultiLayerNetwork network) {
        if (network.getnLayers() == 0) {
            throw new ModelException(file + ": the model has no layers");
        }
        if (!(network.getLayer(0).conf().getLayer() instanceof FeedForwardLayer first)) {
            throw new ModelException(file + ": the first layer is not a fully connected layer");
        }
        if (first.getNIn() != INPUTS) {
            throw new ModelException(file + ": the model takes " + first.getNIn() + " inputs; MNIST models take "
                    + INPUTS + " (28×28 pixels)");
        }
        if (!(network.getOutputLayer().conf().getLayer() instanceof BaseOutputLayer output)) {
            throw new ModelException(file + ": the model has no output layer");
        }
        if (output.getNOut() != OUTPUTS) {
            throw new ModelException(file + ": the model has " + output.getNOut() + " outputs; MNIST models have "
                    + OUTPUTS + " (digits 0–9)");
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}

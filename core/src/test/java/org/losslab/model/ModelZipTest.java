package org.losslab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Networks;
import org.losslab.preset.Preset;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

class ModelZipTest {

    @TempDir
    Path dir;

    private static MultiLayerNetwork net(int inputs, int outputs) {
        return Networks.network(NetworkSpec.defaults().withLayers(inputs, List.of(5), outputs)
                .withPreset(Preset.QUADRATIC_SIGMOID).withSeed(4));
    }

    @Test
    void plainDl4jLoadsItWithTheNormalisationAndTheRecordBeside() throws IOException {
        MultiLayerNetwork net = net(784, 10);
        Path file = dir.resolve("model.zip");
        ModelZip.save(net, java.util.Optional.of("{\"id\":\"x\"}"), file);
        MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        assertThat(plain.params()).isEqualTo(net.params());
        assertThat((Object) ModelSerializer.restoreNormalizerFromFile(file.toFile()))
                .isInstanceOf(ImagePreProcessingScaler.class);
        ModelZip.Loaded loaded = ModelZip.load(file);
        assertThat(loaded.runJson()).contains("{\"id\":\"x\"}");
        assertThat(loaded.network().getLayerWiseConfigurations().toJson())
                .isEqualTo(net.getLayerWiseConfigurations().toJson());
        assertThat(ModelZip.load(dir).network().params()).as("a run folder stands for its model.zip")
                .isEqualTo(net.params());
    }

    /** A fresh JVM with plain DL4J (and LossLab's jar only for the custom loss class) loads LossLab's zip. */
    /**
     * The entries are the bytes DL4J's own writeModel makes with the normaliser (which LossLab cannot call with it
     * under Spark's commons-io), in DL4J's order, then LossLab's record.
     */
    @Test
    void theEntriesAreThoseDl4jWritesWithTheNormaliser() throws IOException {
        MultiLayerNetwork net = net(784, 10);
        Path file = dir.resolve("model.zip");
        ModelZip.save(net, java.util.Optional.of("{}"), file);
        java.io.ByteArrayOutputStream dl4j = new java.io.ByteArrayOutputStream();
        ModelSerializer.writeModel(net, dl4j, true, ModelZip.pixelScaler());
        java.util.Map<String, String> expected = entries(new java.io.ByteArrayInputStream(dl4j.toByteArray()));
        expected.put(ModelZip.RUN_ENTRY, org.losslab.io.Checksums.md5("{}".getBytes()));
        assertThat(entries(Files.newInputStream(file))).containsExactlyEntriesOf(expected);
    }

    private static java.util.Map<String, String> entries(java.io.InputStream in) throws IOException {
        java.util.Map<String, String> md5 = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                md5.put(entry.getName(), org.losslab.io.Checksums.md5(zip.readAllBytes()));
            }
        }
        return md5;
    }

    @Test
    void aFreshJvmLoadsItWithPlainModelSerializer() throws Exception {
        MultiLayerNetwork net = net(784, 10);
        Path file = dir.resolve("model.zip");
        ModelZip.save(net, java.util.Optional.of("{\"id\":\"fresh\"}"), file);
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(launcher, "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-cp",
                System.getProperty("java.class.path"), org.losslab.preset.PlainDl4jLoader.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).contains("loss=org.losslab.preset.QuadraticCost")
                .contains("output=" + org.losslab.preset.PlainDl4jLoader.format(
                        net.output(org.losslab.preset.PlainDl4jLoader.probe(784))));
    }

    @Test
    void aFailureMidWriteLeavesTheOldModelAndNoPartialFile() throws IOException {
        Path file = dir.resolve("model.zip");
        MultiLayerNetwork old = net(784, 10);
        ModelZip.save(old, java.util.Optional.empty(), file);
        byte[] before = Files.readAllBytes(file);
        MultiLayerNetwork newer = Networks.network(NetworkSpec.defaults().withSeed(99));
        assertThatThrownBy(() -> ModelZip.save(newer, java.util.Optional.of("{}"), file, out -> new FilterOutputStream(out) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 2000) {
                    throw new IOException("disk full");
                }
                super.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        })).isInstanceOf(IOException.class).hasMessage(file + ": cannot write (disk full); the previous version, if any, is unchanged");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(ModelZip.load(file).network().params()).isEqualTo(old.params());
    }

    @Test
    void notAZip() throws IOException {
        Path file = dir.resolve("model.zip");
        Files.writeString(file, "just text");
        assertThatThrownBy(() -> ModelZip.load(file)).isInstanceOf(ModelException.class)
                .hasMessageStartingWith(file + ": not a zip file");
    }

    @Test
    void aZipThatIsNotAModel() throws IOException {
        Path file = dir.resolve("photos.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("cat.jpg"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        assertThatThrownBy(() -> ModelZip.load(file)).isInstanceOf(ModelException.class)
                .hasMessage(file + ": a zip file, but not a DL4J model (no configuration.json and coefficients.bin)");
    }

    @Test
    void wrongInputOrOutputSize() throws IOException {
        Path wide = dir.resolve("wide.zip");
        ModelZip.save(net(100, 10), java.util.Optional.empty(), wide);
        assertThatThrownBy(() -> ModelZip.load(wide)).isInstanceOf(ModelException.class)
                .hasMessage(wide + ": the model takes 100 inputs; MNIST models take 784 (28×28 pixels)");
        Path narrow = dir.resolve("narrow.zip");
        ModelZip.save(net(784, 5), java.util.Optional.empty(), narrow);
        assertThatThrownBy(() -> ModelZip.load(narrow)).isInstanceOf(ModelException.class)
                .hasMessage(narrow + ": the model has 5 outputs; MNIST models have 10 (digits 0–9)");
    }

    @Test
    void missingFileAndEmptyRunFolder() {
        assertThatThrownBy(() -> ModelZip.load(dir.resolve("nope.zip"))).hasMessage(dir.resolve("nope.zip")
                + ": file not found");
        assertThatThrownBy(() -> ModelZip.load(dir)).hasMessage(dir.resolve("model.zip")
                + ": file not found (a run folder holds model.zip)");
    }

    @Test
    void predictionsComeFromTheNetworkWithTheStoredScaling() throws IOException {
        MultiLayerNetwork net = net(784, 10);
        Path file = dir.resolve("m.zip");
        ModelZip.save(net, java.util.Optional.empty(), file);
        float[] pixels = new float[784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i % 256;
        }
        Predictor.Prediction prediction = Predictor.load(file).predict(new float[][] {pixels}).get(0);
        float[] scaled = pixels.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] /= 255f;
        }
        double[] expected = net.output(org.nd4j.linalg.factory.Nd4j.create(new float[][] {scaled})).toDoubleVector();
        double sum = java.util.Arrays.stream(expected).sum();
        for (int d = 0; d < 10; d++) {
            assertThat(prediction.probabilities()[d]).isCloseTo(expected[d] / sum,
                    org.assertj.core.api.Assertions.within(1e-6));
        }
        assertThat(prediction.top(3)).hasSize(3).first().isEqualTo(prediction.digit());
        assertThatThrownBy(() -> Predictor.load(file).predict(new float[][] {new float[700]}))
                .hasMessage("input 0: expected 784 values (28×28), got 700");
    }
}

package org.losslab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.io.SafeObjectInput;
import org.losslab.io.SerialPolicy;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Networks;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Model zips crafted by an attacker: each is refused in one line naming the file and the entry, at once (a bound
 * of 30 s only catches a hang), with nothing outside the allow-lists instantiated. Real LossLab and plain DL4J zips
 * still load as {@code ModelSerializer} would load them.
 */
class HostileModelZipTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private static Map<String, byte[]> genuine;

    @BeforeAll
    static void aGenuineModel() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelSerializer.writeModel(Networks.network(NetworkSpec.defaults().withSeed(3)), out, true,
                new ImagePreProcessingScaler(0, 1));
        genuine = entries(out.toByteArray());
    }

    @AfterEach
    void nothingNamedByAFileRan() {
        assertThat(CanaryMarks.initialised).as("the canary class was initialised").isFalse();
        assertThat(CanaryMarks.deserialized).as("the canary was deserialized").isFalse();
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    private Path genuineWith(String name, String entry, byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(genuine);
        entries.put(entry, bytes);
        return zip(name, entries);
    }

    private static byte[] serialized(Object object) throws IOException {
        return HostileBytes.serialized(object);
    }

    private static byte[] canary() throws IOException {
        return HostileBytes.canary();
    }

    private void refused(Path file, String entry, String problem) {
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> ModelZip.load(file))
                .isInstanceOf(ModelException.class)
                .hasMessage(file + (entry.isEmpty() ? "" : ", entry " + entry) + ": " + problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")));
    }

    @Test
    void aPreprocessorOfAJdkClassIsRefusedBeforeItIsBuilt() throws IOException {
        Map<String, Integer> map = new HashMap<>(Map.of("a", 1));
        refused(genuineWith("hashmap.zip", "preprocessor.bin", serialized(map)), "preprocessor.bin",
                "a Java object of class java.util.HashMap, which LossLab does not deserialize (only ND4J's "
                        + "preprocessors and scalers)");
        refused(genuineWith("canary.zip", "preprocessor.bin", canary()), "preprocessor.bin",
                "a Java object of class org.losslab.model.Canary, which LossLab does not deserialize (only ND4J's "
                        + "preprocessors and scalers)");
    }

    @Test
    void nestedSetsThatWouldBurnTheCpuAreRefusedAtOnce() throws IOException {
        // The classic deserialization bomb: 100 levels of sets, each holding two sets; hashing it never ends.
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        byte[] bomb = serialized(root);
        assertThat(bomb.length).isLessThan(10_000);
        refused(genuineWith("bomb.zip", "preprocessor.bin", bomb), "preprocessor.bin",
                "a Java object of class java.util.HashSet, which LossLab does not deserialize (only ND4J's "
                        + "preprocessors and scalers)");
    }

    @Test
    void theBoundsHoldForAllowedClassesToo() throws IOException {
        Object[] nested = new Object[1];
        Object[] level = nested;
        for (int i = 0; i < 50; i++) {
            Object[] inner = new Object[1];
            level[0] = inner;
            level = inner;
        }
        SerialPolicy objects = new SerialPolicy("a test", Set.of("java.lang.Object"), List.of(), 20, 1000, 100,
                1 << 20);
        assertThatThrownBy(() -> SafeObjectInput.read(serialized(nested), objects))
                .isInstanceOf(java.io.InvalidClassException.class).hasMessageContaining("REJECTED");
        assertThatThrownBy(() -> SafeObjectInput.read(serialized(new int[1000]), objects))
                .isInstanceOf(java.io.InvalidClassException.class).hasMessageContaining("REJECTED");
        assertThat((int[]) SafeObjectInput.read(serialized(new int[100]), objects)).hasSize(100);
    }

    @Test
    void aNormaliserThatNamesAClassOrIsAJavaObjectIsRefused() throws IOException {
        ByteArrayOutputStream custom = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(custom);
        out.writeUTF("NORMALIZER");
        out.writeInt(1);
        out.writeUTF("CUSTOM");
        out.writeUTF("org.losslab.model.Canary");
        refused(genuineWith("custom.zip", "normalizer.bin", custom.toByteArray()), "normalizer.bin",
                "a custom normaliser strategy (org.losslab.model.Canary); LossLab loads only DL4J's built-in "
                        + "normalisers and does not instantiate classes a file names");
        refused(genuineWith("old.zip", "normalizer.bin", serialized(new java.util.ArrayList<>(List.of(1)))), "normalizer.bin",
                "a Java object of class java.util.ArrayList, which LossLab does not deserialize (only ND4J's "
                        + "preprocessors and scalers)");
    }

    @Test
    void aConfigurationNamingAForeignClassIsRefusedBeforeDl4jReadsIt() throws IOException {
        String json = new String(genuine.get("configuration.json"), StandardCharsets.UTF_8).replaceFirst(
                "org\\.nd4j\\.linalg\\.activations\\.impl\\.ActivationSigmoid", "org.losslab.model.Canary");
        refused(genuineWith("config.zip", "configuration.json", json.getBytes(StandardCharsets.UTF_8)),
                "configuration.json", "names the class org.losslab.model.Canary, which LossLab does not load from a "
                        + "file (allowed: org.deeplearning4j.nn.*, org.nd4j.linalg.*, org.losslab.preset.*)");
        refused(genuineWith("dup.zip", "configuration.json", "{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8)),
                "configuration.json", "not valid JSON (Duplicate field 'a')");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> ModelZip.load(genuineWith("deep.zip", "configuration.json",
                deep.getBytes(StandardCharsets.UTF_8)))).isInstanceOf(ModelException.class)
                .hasMessageContaining("entry configuration.json: not valid JSON (Document nesting depth (101) exceeds "
                        + "the maximum allowed (100");
    }

    /** Zeros deflate about a thousandfold: a few hundred kilobytes of zip that inflate to {@code size} bytes. */
    private Path bomb(String name, String entry, long size) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(genuine);
        entries.remove(entry);
        Path file = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(entry));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.length) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        return file;
    }

    @Test
    void aZipBombStopsAtWhatTheModelNeeds() throws IOException {
        Path coefficients = bomb("coefficients-bomb.zip", "coefficients.bin", 256L << 20);
        assertThat(Files.size(coefficients)).isLessThan(1 << 20);
        refused(coefficients, "coefficients.bin", "inflates to more than 256416 bytes, more than a model of this "
                + "configuration needs");
        refused(bomb("config-bomb.zip", "configuration.json", 64L << 20), "configuration.json",
                "inflates to more than 4 MiB, more than a model of this configuration needs");
        // An entry LossLab does not use is never inflated: the model loads.
        assertThat(ModelZip.load(bomb("unused-bomb.zip", "extra/ignored.bin", 256L << 20)).network().numParams())
                .isEqualTo(23_860);
    }

    @Test
    void anArrayHeaderClaimingTerabytesIsRefusedBeforeNd4jAllocates() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("LONG_SHAPE");
        out.writeLong(8);
        out.writeUTF("LONG");
        for (long v : new long[] {2, 1, 1L << 40, 1L << 40, 1, 0, 1, 99}) {
            out.writeLong(v);
        }
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(1L << 40);
        out.writeUTF("FLOAT");
        out.write(new byte[64]);
        refused(genuineWith("claims.zip", "coefficients.bin", bytes.toByteArray()), "coefficients.bin",
                "claims 1099511627776 values (4398046511104 bytes) but holds 64 bytes");
        byte[] truncated = java.util.Arrays.copyOf(genuine.get("coefficients.bin"), 50_000);
        refused(genuineWith("truncated.zip", "coefficients.bin", truncated), "coefficients.bin",
                "claims 23860 values (95440 bytes) but holds 49871 bytes");
    }

    @Test
    void duplicateOrTooManyEntriesAndNonZipsAreRefused() throws IOException {
        Path many = dir.resolve("many.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i < 100; i++) {
                out.putNextEntry(new ZipEntry("e" + i));
                out.closeEntry();
            }
        }
        refused(many, "", "100 entries; a model zip has at most 64");
        Path text = Files.writeString(dir.resolve("text.zip"), "not a zip");
        assertThatThrownBy(() -> ModelZip.load(text)).isInstanceOf(ModelException.class)
                .hasMessageStartingWith(text + ": not a zip file (");
    }

    private static MultiLayerNetwork adamNetwork() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.fit(new DataSet(Nd4j.rand(4, 784), Nd4j.eye(10).getRows(0, 1, 2, 3)));
        return net;
    }

    @Test
    void plainDl4jZipsLoadAsModelSerializerLoadsThem() throws IOException {
        MultiLayerNetwork adam = adamNetwork();
        for (boolean updater : new boolean[] {true, false}) {
            for (boolean normalizer : new boolean[] {true, false}) {
                Path file = dir.resolve("plain-" + updater + "-" + normalizer + ".zip");
                ModelSerializer.writeModel(adam, file.toFile(), updater,
                        normalizer ? new ImagePreProcessingScaler(0, 1) : null);
                ModelZip.Loaded loaded = ModelZip.load(file);
                MultiLayerNetwork reference = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
                assertThat(loaded.network().params()).isEqualTo(reference.params());
                assertThat(loaded.network().getUpdater().getStateViewArray())
                        .isEqualTo(reference.getUpdater().getStateViewArray());
                assertThat(loaded.normalizer().isPresent()).isEqualTo(normalizer);
                assertThat(loaded.runJson()).isEmpty();
            }
        }
        // A standardising normaliser (arrays inside) and ND4J's own preprocessor entry load too.
        NormalizerStandardize standardize = new NormalizerStandardize(Nd4j.zeros(1, 784).addi(3),
                Nd4j.ones(1, 784).muli(2));
        Path file = dir.resolve("standardize.zip");
        ModelSerializer.writeModel(adam, file.toFile(), true, standardize);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        entries.put("preprocessor.bin", serialized(new ImagePreProcessingScaler(0, 1)));
        ModelZip.Loaded loaded = ModelZip.load(zip("with-preprocessor.zip", entries));
        assertThat(loaded.normalizer()).containsInstanceOf(NormalizerStandardize.class);
        assertThat(((NormalizerStandardize) loaded.normalizer().get()).getMean()).isEqualTo(standardize.getMean());
    }

}

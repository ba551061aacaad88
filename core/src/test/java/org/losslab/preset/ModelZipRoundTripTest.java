package org.losslab.preset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every preset survives a DL4J model zip, in this JVM and in a fresh one that uses plain ModelSerializer only. */
class ModelZipRoundTripTest {

    static final INDArray PROBE = Nd4j.linspace(-1, 1, 2 * 6).reshape(2, 6).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);

    private static MultiLayerNetwork trained(Preset preset) {
        NetworkSpec spec = NetworkSpec.defaults().withLayers(6, List.of(5), 4).withPreset(preset)
                .withActivation(HiddenActivation.TANH).withL2(1.0, 100).withSeed(21);
        MultiLayerNetwork net = Networks.network(spec);
        INDArray labels = Nd4j.create(new float[][] {{1, 0, 0, 0}, {0, 0, 1, 0}});
        for (int i = 0; i < 3; i++) {
            net.fit(PROBE, labels);
        }
        return net;
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void sameConfigurationAndParametersAfterRestore(Preset preset, @TempDir Path dir) throws IOException {
        MultiLayerNetwork net = trained(preset);
        File zip = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, zip, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip, true);
        assertThat(restored.getLayerWiseConfigurations().toJson())
                .isEqualTo(net.getLayerWiseConfigurations().toJson());
        assertThat(restored.params()).isEqualTo(net.params());
        assertThat(restored.getOutputLayer().conf().getLayer()).isEqualTo(net.getOutputLayer().conf().getLayer());
        assertThat(restored.output(PROBE)).isEqualTo(net.output(PROBE));
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void aFreshJvmRestoresWithPlainModelSerializer(Preset preset, @TempDir Path dir) throws Exception {
        MultiLayerNetwork net = trained(preset);
        File zip = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, zip, true);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-cp",
                System.getProperty("java.class.path"), PlainDl4jLoader.class.getName(), zip.toString())
                .redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();

        String loss = net.getOutputLayer().conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer out
                ? out.getLossFn().getClass().getName() : "?";
        assertThat(printed).contains("loss=" + loss);
        assertThat(printed).contains("output=" + PlainDl4jLoader.format(net.output(PROBE)));
    }
}

package org.losslab.preset;

import java.io.File;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Run in a fresh JVM by {@link ModelZipRoundTripTest}: loads a model zip with plain DL4J (no LossLab code besides
 * the custom loss class, which DL4J finds by its class name) and prints its loss class and its output on the probe.
 */
public final class PlainDl4jLoader {

    private PlainDl4jLoader() {
    }

    public static String format(INDArray output) {
        double[] values = output.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.6e", v))
                .collect(Collectors.joining(","));
    }

    public static void main(String[] args) throws Exception {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new File(args[0]), true);
        BaseOutputLayer output = (BaseOutputLayer) net.getOutputLayer().conf().getLayer();
        System.out.println("loss=" + output.getLossFn().getClass().getName());
        long inputs = net.layerInputSize(0);
        INDArray probe = inputs == ModelZipRoundTripTest.PROBE.size(1) ? ModelZipRoundTripTest.PROBE
                : probe(inputs);
        System.out.println("output=" + format(net.output(probe)));
    }

    /** Two rows of values spread over [0, 1], for a model of {@code inputs} inputs. */
    public static INDArray probe(long inputs) {
        return org.nd4j.linalg.factory.Nd4j.linspace(0, 1, 2 * inputs).reshape(2, inputs)
                .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }
}

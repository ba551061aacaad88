package org.losslab.nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.losslab.model.ModelZip;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Networks;
import org.nd4j.linalg.factory.Nd4j;

/**
 * For {@link Nd4jTuningTest}, in a JVM of its own: which executioner and {@code SecureRandom} ND4J has after a network
 * is built, trained a step, saved and loaded with LossLab's classes, and after {@link Nd4jSetup#install()}.
 */
public final class SetupProbe {

    private SetupProbe() {
    }

    public static void main(String[] args) throws Exception {
        MultiLayerNetwork net = Networks.network(NetworkSpec.defaults());
        net.fit(Nd4j.rand(10, 784), Nd4j.eye(10));
        Path zip = Files.createTempFile("probe", ".zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        ModelZip.load(zip);
        Files.delete(zip);
        System.out.println("before: " + Nd4j.getExecutioner().getClass().getName() + " "
                + new java.security.SecureRandom().getAlgorithm());
        Nd4jSetup.install();
        System.out.println("after: " + Nd4j.getExecutioner().getClass().getName() + " "
                + new java.security.SecureRandom().getAlgorithm());
    }
}

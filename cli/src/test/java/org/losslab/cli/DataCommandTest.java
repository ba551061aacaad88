package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.MainTest.Result;

class DataCommandTest {

    @Test
    void infoOnTheSampleShowsSplitsHistogramsAndTheNotice() {
        Result result = MainTest.run("data", "info", "--dataset", "sample");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("dataset: sample")
                .containsPattern("train\\s+6667\\s+669\\s+738")
                .containsPattern("validation\\s+1333")
                .containsPattern("test\\s+2000")
                .contains("n/a (LossLab's sample")
                .contains("not comparable with full-MNIST results");
    }

    @Test
    void aFolderWithoutTheFilesIsNamed(@TempDir Path dir) {
        Result result = MainTest.run("data", "info", "--data-dir", dir.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("losslab: --data-dir " + dir + ": none of the four files is there\n");
    }

    @Test
    void aBrokenFileIsNamedWithWhatIsWrong(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            Files.write(dir.resolve(name), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        }
        Result result = MainTest.run("data", "info", "--data-dir", dir.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("losslab: " + dir.resolve("train-images-idx3-ubyte")
                + ": not an IDX images file").doesNotContain("\tat ");
    }

    @Test
    void unknownDatasetIsRejected() {
        Result result = MainTest.run("data", "info", "--dataset", "cifar");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--dataset").contains("cifar").contains("mnist, fashion-mnist, sample");
    }

    @Test
    void aDeadMirrorFallsBackToTheSampleAndSaysSo() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
            Result result = MainTest.run("data", "info", "--dataset", "mnist", "--mirror", mirror);
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.out()).contains("download of train-images-idx3-ubyte.gz failed: " + mirror
                    + "train-images-idx3-ubyte.gz: HTTP 404")
                    .contains("source: bundled sample")
                    .contains("not comparable with full-MNIST results");

            Result strict = MainTest.run("data", "info", "--dataset", "mnist", "--mirror", mirror, "--no-sample");
            assertThat(strict.code()).isEqualTo(2);
            assertThat(strict.out()).isEmpty();
            assertThat(strict.err()).startsWith("losslab: could not find mnist:")
                    .contains(mirror + "train-images-idx3-ubyte.gz: HTTP 404").doesNotContain("\tat ");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void fullMnistIsCanonical() {
        Path shared = org.losslab.testing.Checkout.sharedMnist();
        assumeTrue(Files.isDirectory(shared), "full MNIST not in ../shared/data/mnist");
        Result result = MainTest.run("data", "info", "--data-dir", shared.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("train\\s+50000").containsPattern("validation\\s+10000")
                .containsPattern("test\\s+10000")
                .containsPattern("train-images-idx3-ubyte.gz\\s+f68b3c2dcbeaaa9fbdd348bbdeb94873\\s+yes");
    }
}

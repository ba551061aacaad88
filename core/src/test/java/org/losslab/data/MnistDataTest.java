package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDataTest {

    @Test
    void theBundledSampleIsRealDigitsSplitTheBooksWay() {
        MnistData sample = MnistData.load(DataSpec.of(Dataset.SAMPLE));
        assertThat(sample.location().isSample()).isTrue();
        assertThat(sample.train().count()).isEqualTo(6667);
        assertThat(sample.validation().count()).isEqualTo(1333);
        assertThat(sample.test().count()).isEqualTo(2000);
        // Stratified: every digit is between 7% and 13% of each split.
        for (Split split : new Split[] {sample.train(), sample.validation(), sample.test()}) {
            for (int count : split.histogram()) {
                assertThat((double) count / split.count()).isBetween(0.07, 0.13);
            }
        }
        assertThat(sample.files()).allSatisfy(file -> assertThat(file.canonicalMd5()).isEmpty());
    }

    @Test
    void limitsCutEachSplit(@TempDir Path dir) throws IOException {
        TinyMnist.write(dir, 60, 20, true);
        MnistData data = MnistData.load(DataSpec.of(Dataset.MNIST).withDataDir(dir).withLimits(7, 3));
        assertThat(data.train().count()).isEqualTo(7);
        assertThat(data.validation().count()).isEqualTo(3);
        assertThat(data.test().count()).isEqualTo(3);
        MnistData all = MnistData.load(DataSpec.of(Dataset.MNIST).withDataDir(dir));
        assertThat(all.train().count()).isEqualTo(50);
        assertThat(all.validation().count()).isEqualTo(10);
        assertThat(all.test().count()).isEqualTo(20);
        // The validation split is the end of the training file.
        assertThat(all.validation().label(0)).isEqualTo(50 % 10);
        assertThat(all.validation().pixel(0, 0)).isEqualTo(TinyMnist.pixels(60, 1)[50 * 784] & 0xff);
    }

    @Test
    void imageAndLabelCountsMustAgree(@TempDir Path dir) throws IOException {
        TinyMnist.write(dir, 30, 10, false);
        Idx.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), TinyMnist.labels(9));
        assertThatThrownBy(() -> MnistData.load(DataSpec.of(Dataset.MNIST).withDataDir(dir)))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("t10k-images-idx3-ubyte") + " holds 10 images but "
                        + dir.resolve("t10k-labels-idx1-ubyte") + " holds 9 labels");
    }

    @Test
    void md5sAreReportedPerFile(@TempDir Path dir) throws IOException {
        TinyMnist.write(dir, 12, 6, true);
        MnistData data = MnistData.load(DataSpec.of(Dataset.MNIST).withDataDir(dir));
        assertThat(data.files()).hasSize(4).allSatisfy(file -> {
            assertThat(file.md5()).isEqualTo(org.losslab.io.Checksums.md5(Path.of(file.name())));
            assertThat(file.matchesCanonical()).isFalse();
        });
    }

    /** The full MNIST in ../shared: the book's split, the canonical files, the published label counts. */
    @Test
    void fullMnistIsCanonical() {
        assumeTrue(Files.isDirectory(DataLocatorTest.SHARED_MNIST), "full MNIST not in ../shared/data/mnist");
        MnistData mnist = MnistData.load(DataSpec.of(Dataset.MNIST).withDataDir(DataLocatorTest.SHARED_MNIST));
        assertThat(mnist.train().count()).isEqualTo(50_000);
        assertThat(mnist.validation().count()).isEqualTo(10_000);
        assertThat(mnist.test().count()).isEqualTo(10_000);
        assertThat(mnist.files()).allSatisfy(file -> assertThat(file.matchesCanonical()).isTrue());
        int[] trainFile = new int[10];
        for (int d = 0; d < 10; d++) {
            trainFile[d] = mnist.train().histogram()[d] + mnist.validation().histogram()[d];
        }
        assertThat(trainFile).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(mnist.test().histogram()).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
        assertThat(Arrays.stream(mnist.train().histogram()).sum()).isEqualTo(50_000);
    }
}

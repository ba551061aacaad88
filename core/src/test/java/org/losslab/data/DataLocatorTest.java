package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where data is looked for, in order, and downloads from mirrors on 127.0.0.1. */
class DataLocatorTest {

    static final Path SHARED_MNIST = org.losslab.testing.Checkout.sharedMnist();

    @TempDir
    Path home;
    @TempDir
    Path elsewhere;
    private TestHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new TestHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DataSpec spec(Dataset dataset) {
        return DataSpec.of(dataset).withHome(home).withEnvironment(Map.of())
                .withTimeout(Duration.ofMillis(800), 1);
    }

    private void serveGarbageUnderTheStandardNames() {
        for (Dataset.Part part : Dataset.Part.values()) {
            server.put(part.gzName(), ("not " + part.baseName()).getBytes());
        }
    }

    private void assertNoFileIn(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var files = Files.list(folder)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void anExplicitFolderWins() throws IOException {
        TinyMnist.write(elsewhere, 12, 6, true);
        Located located = DataLocator.locate(spec(Dataset.MNIST).withDataDir(elsewhere));
        assertThat(located.folder()).contains(elsewhere);
        assertThat(located.steps()).containsExactly("the data folder " + elsewhere + ": found the four mnist files");
    }

    @Test
    void anExplicitFolderWithoutTheFilesIsAnErrorNotAFallback() throws IOException {
        TinyMnist.write(elsewhere, 12, 6, false);
        Files.delete(elsewhere.resolve("t10k-labels-idx1-ubyte"));
        assertThatThrownBy(() -> DataLocator.locate(spec(Dataset.MNIST).withDataDir(elsewhere)))
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.field()).contains("dataDir"))
                .hasMessage("the data folder " + elsewhere + ": missing t10k-labels-idx1-ubyte.gz (or "
                        + "t10k-labels-idx1-ubyte)");
        Path absent = elsewhere.resolve("absent");
        assertThatThrownBy(() -> DataLocator.locate(spec(Dataset.MNIST).withDataDir(absent)))
                .hasMessage("the data folder " + absent + ": no such folder");
    }

    @Test
    void theEnvironmentVariableNamesAFolderOrAFolderPerDataset() throws IOException {
        TinyMnist.write(Files.createDirectories(elsewhere.resolve("fashion-mnist")), 12, 6, true);
        Located located = DataLocator.locate(spec(Dataset.FASHION_MNIST)
                .withEnvironment(Map.of("LOSSLAB_DATA", elsewhere.toString())));
        assertThat(located.folder()).contains(elsewhere.resolve("fashion-mnist"));
        assertThat(located.source()).startsWith("LOSSLAB_DATA ");
    }

    @Test
    void theCacheIsUsedWhenNothingIsNamed() throws IOException {
        TinyMnist.write(Files.createDirectories(home.resolve("data/mnist")), 12, 6, true);
        Located located = DataLocator.locate(spec(Dataset.MNIST).withDownload(false));
        assertThat(located.source()).isEqualTo("cache " + home.resolve("data/mnist"));
        assertThat(server.requests.get()).isZero();
    }

    @Test
    void failedDownloadsFallBackToTheSampleForMnistWithANotice() throws IOException {
        Located located = DataLocator.locate(spec(Dataset.MNIST)
                .withMirrors(List.of(server.base("status/404"))));
        assertThat(located.isSample()).isTrue();
        assertThat(located.steps()).anySatisfy(step -> assertThat(step)
                .startsWith("download of train-images-idx3-ubyte.gz failed: " + server.base("status/404")
                        + "train-images-idx3-ubyte.gz: HTTP 404"));
        assertThat(located.steps().get(located.steps().size() - 1))
                .contains("bundled sample").contains("not comparable with full-MNIST results");
        assertNoFileIn(home.resolve("data/mnist"));
    }

    @Test
    void withoutAFallbackEveryStepIsInTheError() throws IOException {
        serveGarbageUnderTheStandardNames();
        String forbidden = server.base("status/403");
        String corrupt = server.base("good");
        assertThatThrownBy(() -> DataLocator.locate(spec(Dataset.MNIST).withSampleFallback(false)
                .withMirrors(List.of(forbidden, corrupt))))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("could not find mnist:")
                .hasMessageContaining("cache " + home.resolve("data/mnist") + ": no such folder")
                .hasMessageContaining(forbidden + "train-images-idx3-ubyte.gz: HTTP 403")
                .hasMessageContaining(corrupt + "train-images-idx3-ubyte.gz: MD5 ")
                .hasMessageEndingWith("\nGive a folder with the four files, or a mirror that serves them.")
                .isInstanceOfSatisfying(DataException.class, e -> assertThat(e.field()).contains("dataDir"));
        assertNoFileIn(home.resolve("data/mnist"));
    }

    @Test
    void aStalledMirrorTimesOutAndTheNextOneIsTried() throws IOException {
        serveGarbageUnderTheStandardNames();
        assertThatThrownBy(() -> DataLocator.locate(spec(Dataset.MNIST).withSampleFallback(false)
                .withMirrors(List.of(server.base("slow"), server.base("good")))))
                .hasMessageContaining(server.base("slow") + "train-images-idx3-ubyte.gz: timed out")
                .hasMessageContaining(server.base("good") + "train-images-idx3-ubyte.gz: MD5 ");
        assertNoFileIn(home.resolve("data/mnist"));
    }

    @Test
    void mirrorsComeFromOptionThenVariableThenSettingsThenDefaults() throws IOException {
        DataSpec spec = spec(Dataset.MNIST);
        assertThat(DataLocator.mirrors(spec)).isEqualTo(Dataset.MNIST.defaultMirrors());
        Files.writeString(home.resolve("settings.properties"), "mirrors.mnist = http://127.0.0.1:1/a/, http://127.0.0.1:1/b/\n");
        assertThat(DataLocator.mirrors(spec)).containsExactly("http://127.0.0.1:1/a/", "http://127.0.0.1:1/b/");
        DataSpec variable = spec.withEnvironment(Map.of("LOSSLAB_MIRRORS", "http://127.0.0.1:1/c/"));
        assertThat(DataLocator.mirrors(variable)).containsExactly("http://127.0.0.1:1/c/");
        assertThat(DataLocator.mirrors(variable.withMirrors(List.of("http://127.0.0.1:1/d/"))))
                .containsExactly("http://127.0.0.1:1/d/");
        assertThatThrownBy(() -> spec.withMirrors(List.of("ftp://x/"))).hasMessageContaining("mirror")
                .hasMessageContaining("ftp://x/");
    }

    @Test
    void fashionMnistNeverFallsBackToDigits() {
        DataSpec spec = spec(Dataset.FASHION_MNIST).withMirrors(List.of(server.base("status/404")));
        boolean debianCopy = Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist"));
        if (debianCopy) {
            assertThat(DataLocator.locate(spec).folder()).contains(Path.of("/usr/share/datasets/fashion-mnist"));
        } else {
            assertThatThrownBy(() -> DataLocator.locate(spec)).isInstanceOf(DataException.class)
                    .hasMessageStartingWith("could not find fashion-mnist");
        }
    }

    /** The real MNIST, served from 127.0.0.1, lands in the cache verified (skipped without ../shared). */
    @Test
    void realMnistDownloadsIntoTheCacheAndIsFoundThereNextTime() throws IOException {
        assumeTrue(Files.isDirectory(SHARED_MNIST), "full MNIST not in ../shared/data/mnist");
        for (Dataset.Part part : Dataset.Part.values()) {
            server.put(part.gzName(), Files.readAllBytes(SHARED_MNIST.resolve(part.gzName())));
        }
        Located located = DataLocator.locate(spec(Dataset.MNIST)
                .withMirrors(List.of(server.base("status/404"), server.base("good"))));
        Path cache = home.resolve("data/mnist");
        assertThat(located.folder()).contains(cache);
        assertThat(located.steps()).filteredOn(step -> step.startsWith("downloaded ")).hasSize(4)
                .allSatisfy(step -> assertThat(step).contains("(MD5 verified)").contains("HTTP 404"));
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                    "t10k-labels-idx1-ubyte.gz");
        }
        int served = server.requests.get();
        Located again = DataLocator.locate(spec(Dataset.MNIST).withMirrors(List.of(server.base("good"))));
        assertThat(again.source()).isEqualTo("cache " + cache);
        assertThat(server.requests.get()).isEqualTo(served);
    }
}

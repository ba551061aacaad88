package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark driver's class path: Spark's jars first, then what they do not replace. */
class SparkDriverTest {

    @Test
    void artifactsAreNamedWithoutVersionAndClassifier() {
        assertThat(SparkDriver.artifact(Path.of("lib/commons-io-2.5.jar"))).isEqualTo("commons-io");
        assertThat(SparkDriver.artifact(Path.of("nd4j-native-1.0.0-beta7-linux-x86_64.jar"))).isEqualTo("nd4j-native");
        assertThat(SparkDriver.artifact(Path.of("jackson-module-scala_2.12-2.15.2.jar")))
                .isEqualTo("jackson-module-scala_2.12");
        assertThat(SparkDriver.artifact(Path.of("/w/ui/target/classes"))).isEqualTo("ui");
    }

    @Test
    void sparksJarsComeFirstAndReplaceTheSameArtifactsAndTheSameClasses(@TempDir Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("spark-lib"));
        Path app = Files.createDirectories(dir.resolve("lib"));
        Path sparkIo = jar(lib.resolve("commons-io-2.16.1.jar"), "org/apache/commons/io/IOUtils.class");
        Path lz4Java = jar(lib.resolve("lz4-java-1.8.0.jar"), "net/jpountz/lz4/LZ4BlockInputStream.class");
        Path appIo = jar(app.resolve("commons-io-2.5.jar"), "org/apache/commons/io/IOUtils.class");
        Path oldLz4 = jar(app.resolve("lz4-1.3.0.jar"), "net/jpountz/lz4/LZ4BlockInputStream.class",
                "net/jpountz/util/Native.class");
        Path picocli = jar(app.resolve("picocli-4.7.7.jar"), "picocli/CommandLine.class");
        Path classes = Files.createDirectories(dir.resolve("cli/target/classes"));
        assertThat(SparkDriver.classPath(List.of(classes, appIo, oldLz4, picocli), lib))
                .containsExactly(sparkIo, lz4Java, classes, picocli);
    }

    private static Path jar(Path file, String... entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.closeEntry();
            }
        }
        return file;
    }
}

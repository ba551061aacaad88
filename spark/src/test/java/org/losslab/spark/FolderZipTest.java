package org.losslab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.io.BadFileException;

/** A run folder's trip as bytes: a round trip, and crafted zips that would write outside the folder. */
class FolderZipTest {

    @Test
    void aFolderComesBackAsItWas(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("candidate-001"));
        Files.writeString(run.resolve("run.json"), "{\"status\": \"finished\"}");
        Files.write(Files.createDirectories(run.resolve("sub")).resolve("model.zip"), new byte[] {1, 2, 3});
        Path back = dir.resolve("back");
        FolderZip.unzip(FolderZip.zip(run), back, "test");
        assertThat(back.resolve("run.json")).hasContent("{\"status\": \"finished\"}");
        assertThat(back.resolve("sub/model.zip")).hasBinaryContent(new byte[] {1, 2, 3});
    }

    @Test
    void entriesThatWouldLeaveTheFolderAreRefusedAndWriteNothingThere(@TempDir Path dir) throws IOException {
        for (String evil : new String[] {"../evil.txt", "sub/../../evil.txt", "/tmp/evil.txt", "..\\evil.txt"}) {
            Path target = dir.resolve("target-" + Math.abs(evil.hashCode()));
            assertThatThrownBy(() -> FolderZip.unzip(zip(evil), target, "executor 3@host"))
                    .isInstanceOf(BadFileException.class)
                    .hasMessageContaining("executor 3@host").hasMessageContaining("would leave the run folder");
        }
        assertThat(dir.resolve("evil.txt")).doesNotExist();
        assertThat(Path.of("/tmp/evil.txt")).doesNotExist();
    }

    private static byte[] zip(String entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("x".getBytes());
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}

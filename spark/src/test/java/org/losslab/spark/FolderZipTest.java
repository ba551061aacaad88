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

    @Test
    void theLockAndUnfinishedWritesStayBehind(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("candidate-001"));
        Files.writeString(run.resolve("run.json"), "{}");
        Files.writeString(run.resolve(org.losslab.io.FolderLock.FILE), "");
        Files.writeString(run.resolve(".model.zip.k3j4.part"), "half a checkpoint");
        Path back = dir.resolve("back");
        FolderZip.unzip(FolderZip.zip(run), back, "test");
        try (var files = Files.list(back)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("run.json");
        }
    }

    @Test
    void anUpdateReplacesFileByFileAndAWholeOneRemovesWhatItLacks(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("candidate-001"));
        Files.writeString(folder.resolve("run.json"), "old");
        Files.writeString(folder.resolve("best.zip"), "old best");
        Path checkpoint = Files.createDirectories(dir.resolve("incoming"));
        Files.writeString(checkpoint.resolve("run.json"), "epoch 2");
        Files.writeString(checkpoint.resolve("model.zip"), "epoch 2 model");
        FolderZip.update(checkpoint, folder, false);
        assertThat(folder.resolve("run.json")).hasContent("epoch 2");
        assertThat(folder.resolve("model.zip")).hasContent("epoch 2 model");
        assertThat(folder.resolve("best.zip")).as("kept by a checkpoint").hasContent("old best");

        Path result = Files.createDirectories(dir.resolve("result"));
        Files.writeString(result.resolve("run.json"), "finished");
        Files.writeString(result.resolve("model.zip"), "final model");
        FolderZip.update(result, folder, true);
        assertThat(folder.resolve("run.json")).hasContent("finished");
        assertThat(folder.resolve("best.zip")).as("the whole result lacks it").doesNotExist();
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

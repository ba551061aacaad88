package org.losslab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void aFailureMidWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("table.csv");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half of the new ".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage(target + ": cannot write (disk full); the previous version, if "
                + "any, is unchanged");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFailureLeavesNoFileWhereNoneWas(@TempDir Path dir) {
        Path target = dir.resolve("sub/chart.png");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw new IOException("encoder failed");
        })).isInstanceOf(IOException.class);
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("sub")).isEmptyDirectory();
    }

    @Test
    void writesCompleteContentCreatingFolders(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/c.txt");
        AtomicFiles.writeString(target, "done ✓");
        assertThat(target).hasContent("done ✓");
    }

    @Test
    void theFileGetsOrdinaryPermissionsNotOwnerOnly(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("model.zip");
        AtomicFiles.writeString(target, "x");
        Path plain = Files.createFile(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aFullDiskNamesTheFileAndKeepsThePreviousVersion(@org.junit.jupiter.api.io.TempDir Path folder)
            throws java.io.IOException {
        Path target = folder.resolve("model.zip");
        java.nio.file.Files.writeString(target, "epoch 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100]);
            throw new java.io.IOException("No space left on device");
        })).isInstanceOf(java.io.IOException.class).hasMessage(target + ": cannot write (No space left on device); the "
                + "previous version, if any, is unchanged");
        org.assertj.core.api.Assertions.assertThat(target).hasContent("epoch 1");
        try (var files = java.nio.file.Files.list(folder)) {
            org.assertj.core.api.Assertions.assertThat(files).containsExactly(target);
        }
    }
}

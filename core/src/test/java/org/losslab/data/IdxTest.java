package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IDX files: round trips, and every kind of bad file answered with one message naming the file. */
class IdxTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"images.idx", "images.idx.gz"})
    void writesAndReadsBackRawAndCompressed(String name) throws IOException {
        byte[] pixels = TinyMnist.pixels(3, 9);
        Path file = dir.resolve(name);
        Idx.writeImages(file, 3, 28, 28, pixels);
        Idx.Images images = Idx.readImages(file);
        assertThat(images.count()).isEqualTo(3);
        assertThat(images.pixels()).isEqualTo(pixels);
        Path labels = dir.resolve(name.replace("images", "labels"));
        Idx.writeLabels(labels, new byte[] {0, 9, 4});
        assertThat(Idx.readLabels(labels)).containsExactly(0, 9, 4);
    }

    @Test
    void compressionIsToldByContentNotByName() throws IOException {
        Path file = dir.resolve("labels.gz");
        Idx.writeLabels(dir.resolve("x.gz"), new byte[] {1, 2});
        Files.move(dir.resolve("x.gz"), dir.resolve("labels-without-suffix"));
        assertThat(Idx.readLabels(dir.resolve("labels-without-suffix"))).containsExactly(1, 2);
        Idx.writeLabels(dir.resolve("raw"), new byte[] {3});
        Files.move(dir.resolve("raw"), file);
        assertThat(Idx.readLabels(file)).containsExactly(3);
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope-idx3-ubyte.gz");
        assertThatThrownBy(() -> Idx.readImages(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": file not found");
    }

    @Test
    void wrongMagicNumber() throws IOException {
        Path labels = dir.resolve("labels");
        Idx.writeLabels(labels, new byte[] {1});
        assertThatThrownBy(() -> Idx.readImages(labels)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(labels + ": not an IDX images file (magic number 0x00000801")
                .hasMessageContaining("this is a labels file");
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not IDX");
        assertThatThrownBy(() -> Idx.readLabels(text)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(text + ": not an IDX labels file (magic number 0x68656c6c");
    }

    @Test
    void truncatedRawFile() throws IOException {
        Path file = dir.resolve("images");
        Idx.writeImages(file, 4, 28, 28, TinyMnist.pixels(4, 1));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> Idx.readImages(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": truncated: the header promises 4 images of 28×28 (3136 bytes of data) but"
                        + " the data ends after 3036 bytes");
        Files.write(file, Arrays.copyOf(bytes, 6));
        assertThatThrownBy(() -> Idx.readImages(file)).hasMessage(file
                + ": truncated: the file ends inside the IDX header");
    }

    @Test
    void truncatedGzip() throws IOException {
        Path file = dir.resolve("images.gz");
        Idx.writeImages(file, 40, 28, 28, TinyMnist.pixels(40, 1));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Idx.readImages(file)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": truncated gzip data");
    }

    @Test
    void corruptedGzip() throws IOException {
        Path file = dir.resolve("labels.gz");
        Idx.writeLabels(file, new byte[1000]);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 12; i < bytes.length - 8; i++) {
            bytes[i] ^= (byte) 0x5a;
        }
        Files.write(file, bytes);
        assertThatThrownBy(() -> Idx.readLabels(file)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": corrupted gzip data");
    }

    @Test
    void labelOutsideZeroToNine() throws IOException {
        Path file = dir.resolve("labels");
        Idx.writeLabels(file, new byte[] {3, 7, 12, 1});
        assertThatThrownBy(() -> Idx.readLabels(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": label 12 at index 2 is outside 0–9");
    }

    @Test
    void imagesThatAreNot28By28() throws IOException {
        Path file = dir.resolve("images");
        Idx.writeImages(file, 2, 32, 32, new byte[2 * 32 * 32]);
        assertThatThrownBy(() -> Idx.readImages(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": images are 32×32, expected 28×28");
    }

    @Test
    void gzipOfGarbageHeader() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(Idx.IMAGES_MAGIC);
            out.writeInt(-5);
            out.writeInt(28);
            out.writeInt(28);
        }
        Path file = dir.resolve("negative.gz");
        Files.write(file, bytes.toByteArray());
        assertThatThrownBy(() -> Idx.readImages(file)).hasMessage(file + ": invalid IDX header (-5 images of 28×28)");
    }
}

package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images and IDX files whose headers promise more than they hold: refused from the header, in one line. */
class HostileInputsTest {

    @TempDir
    Path dir;

    /** A real 1×1 PNG whose header (IHDR, CRC fixed) then claims {@code width}×{@code height}. */
    private Path pngClaiming(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", png);
        byte[] bytes = png.toByteArray();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        // signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC over type + data
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return Files.write(dir.resolve("claims-" + width + "x" + height + ".png"), bytes);
    }

    @Test
    void anImageWhoseHeaderClaimsHugeDimensionsIsRefusedBeforeDecoding() throws IOException {
        Path huge = pngClaiming(60_000, 60_000);
        assertThat(Files.size(huge)).isLessThan(200);
        assertThatThrownBy(() -> DigitImages.load(huge, DigitImages.Invert.AUTO)).isInstanceOf(DataException.class)
                .hasMessage(huge + ": its header says 60000×60000 pixels; LossLab reads images up to 16384 pixels a "
                        + "side and 40 megapixels");
        Path wide = pngClaiming(16_000, 16_000);
        assertThatThrownBy(() -> DigitImages.load(wide, DigitImages.Invert.AUTO)).hasMessageContaining(
                "its header says 16000×16000 pixels");
        Path text = Files.writeString(dir.resolve("digit.png"), "not a picture");
        assertThatThrownBy(() -> DigitImages.load(text, DigitImages.Invert.AUTO))
                .hasMessage(text + ": not an image (no PNG, JPEG, BMP or GIF reader accepts it)");
    }

    private Path idx(String name, int magic, int... header) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
            out.writeInt(magic);
            for (int value : header) {
                out.writeInt(value);
            }
            out.write(new byte[100]);
        }
        return file;
    }

    @Test
    void anIdxHeaderPromisingMillionsFromATinyFileAllocatesNothing() throws IOException {
        Path many = idx("many-images.gz", 0x803, 2_000_000, 28, 28);
        assertThatThrownBy(() -> Idx.readImages(many)).isInstanceOf(DataException.class)
                .hasMessage(many + ": the header promises 2000000 images; LossLab reads at most 1000000");
        Path promised = idx("promised-images.gz", 0x803, 900_000, 28, 28);
        assertThatThrownBy(() -> Idx.readImages(promised)).isInstanceOf(DataException.class)
                .hasMessage(promised + ": truncated: the header promises 900000 images of 28×28 (705600000 bytes of "
                        + "data) but the data ends after 100 bytes");
        Path labels = idx("labels.gz", 0x801, Integer.MAX_VALUE);
        assertThatThrownBy(() -> Idx.readLabels(labels)).isInstanceOf(DataException.class)
                .hasMessage(labels + ": the header promises 2147483647 labels; LossLab reads at most 1000000");
    }
}

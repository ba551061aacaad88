package org.losslab.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A stand-in for a Java kernel's {@code display(Object value, String... types)}, for notebooks run in JShell: each
 * call appends the display's MIME bundle, as one JSON line, to the file the system property {@value #FILE} names.
 * Like JJava's: a string is shown as each type asked for and as {@code text/plain}; an image as {@code image/png}
 * (the kernel's {@code text/plain} of an image is its {@code toString}, which names an object's hash, so it is left
 * out here and in the saved notebooks).
 */
public final class JShellDisplay {

    /** The system property naming the file the displays go to. */
    public static final String FILE = "losslab.displays";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static int count;

    private JShellDisplay() {
    }

    /**
     * Records one display.
     *
     * @param value what is shown
     * @param types the MIME types asked for
     * @return the display's id, as a kernel returns one
     */
    public static synchronized String display(Object value, String... types) {
        Map<String, String> bundle = new LinkedHashMap<>();
        for (String type : types) {
            if (type.equals("image/png")) {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                try {
                    ImageIO.write((RenderedImage) value, "png", png);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                bundle.put(type, Base64.getEncoder().encodeToString(png.toByteArray()));
            } else {
                bundle.put(type, String.valueOf(value));
            }
        }
        if (value instanceof CharSequence) {
            bundle.putIfAbsent("text/plain", String.valueOf(value));
        }
        try {
            Files.writeString(Path.of(System.getProperty(FILE)), JSON.writeValueAsString(bundle) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "display-" + ++count;
    }
}

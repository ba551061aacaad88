package org.losslab.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A report's outputs as a Java kernel displays them: what to pass to JJava's (and IJava's) {@code display(Object
 * value, String... types)} for each block, so that a notebook cell shows exactly the output {@link Notebooks} saved
 * for it. The exported notebook defines {@code show(outputs)} with these two calls.
 *
 * <ul>
 * <li>a {@link Document.Table}: its HTML {@code <table>} ({@link HtmlPages#table}), as {@code text/html};</li>
 * <li>a {@link Document.Image}: the PNG decoded to a {@link BufferedImage}, which the kernel encodes as
 * {@code image/png};</li>
 * <li>a {@link Document.Text}: the text, as {@code text/plain}.</li>
 * </ul>
 */
public final class Displays {

    /** The MIME type of a table's output. */
    public static final String HTML = "text/html";
    /** The MIME type of an image's output. */
    public static final String PNG = "image/png";
    /** The MIME type of a text's output. */
    public static final String TEXT = "text/plain";

    private Displays() {
    }

    /**
     * {@return what the kernel is to display for {@code output}}
     *
     * @param output a code cell's output: a table, an image or a text
     */
    public static Object value(Document.Block output) {
        if (output instanceof Document.Table table) {
            return HtmlPages.table(table);
        }
        if (output instanceof Document.Image image) {
            try {
                return ImageIO.read(new ByteArrayInputStream(image.png()));
            } catch (IOException e) {
                throw new UncheckedIOException("an image of the report is no PNG: " + image.caption(), e);
            }
        }
        if (output instanceof Document.Text text) {
            return text.markdown();
        }
        throw new IllegalArgumentException("a code cell's output is a table, an image or a text, got " + output);
    }

    /**
     * {@return the MIME types to display {@code output} as}: one, see the class comment
     *
     * @param output a code cell's output
     */
    public static String[] types(Document.Block output) {
        if (output instanceof Document.Table) {
            return new String[] {HTML};
        }
        if (output instanceof Document.Image) {
            return new String[] {PNG};
        }
        if (output instanceof Document.Text) {
            return new String[] {TEXT};
        }
        throw new IllegalArgumentException("a code cell's output is a table, an image or a text, got " + output);
    }
}

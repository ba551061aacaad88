package org.losslab.notebook;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A report as a sequence of blocks, written both as a Jupyter notebook ({@link Notebooks}) and as one
 * self-contained HTML page ({@link HtmlPages}): text, formulas, tables, images, and code with the outputs it makes.
 *
 * @param title      the title (the first heading)
 * @param blocks     the content, in order
 * @param provenance what made the report (versions, commit, data checksums, seeds, run ids), as nested maps and
 *                   lists that serialise to JSON; kept in its order
 */
public record Document(String title, List<Block> blocks, Map<String, Object> provenance) {

    public Document {
        Objects.requireNonNull(title, "title");
        blocks = List.copyOf(blocks);
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
    }

    /** One piece of a report. */
    public sealed interface Block permits Heading, Text, Formula, Table, Image, Code {
    }

    /**
     * A heading.
     *
     * @param level 1 to 6
     * @param text  plain text
     */
    public record Heading(int level, String text) implements Block {
        public Heading {
            if (level < 1 || level > 6) {
                throw new IllegalArgumentException("level: 1 to 6, got " + level);
            }
        }
    }

    /**
     * A paragraph or more of CommonMark (emphasis, code spans, lists, links; formulas go in {@link Formula}).
     *
     * @param markdown the text
     */
    public record Text(String markdown) implements Block {
    }

    /**
     * A displayed formula, in two notations: LaTeX for Jupyter (which renders it with MathJax) and MathML for the
     * HTML page (which browsers render without any script).
     *
     * @param latex  the formula in LaTeX, without {@code $$}
     * @param mathml the same formula as a MathML {@code <math>} element
     */
    public record Formula(String latex, String mathml) implements Block {
    }

    /**
     * A table of plain-text cells.
     *
     * @param columns the header
     * @param rows    the rows, each as long as the header
     */
    public record Table(List<String> columns, List<List<String>> rows) implements Block {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("table row " + row + ": " + row.size() + " cells for "
                            + columns.size() + " columns");
                }
            }
        }
    }

    /**
     * A PNG picture.
     *
     * @param png     its bytes
     * @param caption what it shows (the alternative text)
     */
    public record Image(byte[] png, String caption) implements Block {
    }

    /**
     * Source code with what running it shows.
     *
     * @param source  the code (Java, for the IJava kernel)
     * @param outputs tables, images and text it produces, in order
     */
    public record Code(String source, List<Block> outputs) implements Block {
        public Code {
            outputs = List.copyOf(outputs);
            for (Block output : outputs) {
                if (!(output instanceof Table || output instanceof Image || output instanceof Text)) {
                    throw new IllegalArgumentException("code output: a table, image or text, got " + output);
                }
            }
        }
    }
}

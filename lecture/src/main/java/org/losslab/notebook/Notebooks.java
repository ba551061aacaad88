package org.losslab.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.losslab.io.AtomicFiles;

/**
 * Writes a {@link Document} as a Jupyter notebook (nbformat 4.5) for the IJava kernel: text, formulas and tables
 * become markdown cells (formulas as {@code $$…$$}, which Jupyter renders with MathJax), code becomes code cells
 * whose outputs hold the tables (HTML, markdown and plain text) and the charts (PNG). The provenance goes into the
 * notebook's metadata ({@code metadata.losslab}) and into a last markdown cell.
 */
public final class Notebooks {

    /** The notebook format written: 4.5 (cells carry ids). */
    public static final int NBFORMAT = 4;
    /** Minor version of the format. */
    public static final int NBFORMAT_MINOR = 5;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Notebooks() {
    }

    /**
     * Writes the notebook to {@code file}, atomically.
     *
     * @param document the document
     * @param file the file
     */
    public static void write(Document document, Path file) throws IOException {
        AtomicFiles.writeString(file, json(document));
    }

    /**
     * {@return the notebook as JSON text (one space indent, as Jupyter writes it)}
     *
     * @param document the document
     */
    public static String json(Document document) {
        ObjectNode notebook = JSON.createObjectNode();
        ObjectNode metadata = notebook.putObject("metadata");
        ObjectNode kernel = metadata.putObject("kernelspec");
        kernel.put("name", "java");
        kernel.put("display_name", "Java");
        kernel.put("language", "java");
        ObjectNode language = metadata.putObject("language_info");
        language.put("name", "java");
        language.put("file_extension", ".jshell");
        language.put("mimetype", "text/x-java-source");
        metadata.put("title", document.title());
        metadata.set("losslab", JSON.valueToTree(document.provenance()));
        notebook.put("nbformat", NBFORMAT);
        notebook.put("nbformat_minor", NBFORMAT_MINOR);
        ArrayNode cells = notebook.putArray("cells");

        List<Document.Block> pending = new ArrayList<>();
        for (Document.Block block : document.blocks()) {
            if (block instanceof Document.Code code) {
                markdownCell(cells, pending);
                codeCell(cells, code);
            } else {
                if (block instanceof Document.Heading) {
                    markdownCell(cells, pending);
                }
                pending.add(block);
            }
        }
        pending.add(new Document.Heading(2, "Provenance"));
        pending.add(new Document.Text("What made this notebook (also in its metadata, under `losslab`):\n\n```json\n"
                + HtmlPages.provenanceJson(document.provenance()) + "\n```"));
        markdownCell(cells, pending);
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter(" ", "\n"))
                    .withArrayIndenter(new DefaultIndenter(" ", "\n"));
            return JSON.writer(printer).writeValueAsString(notebook) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notebook not serialisable", e);
        }
    }

    private static void markdownCell(ArrayNode cells, List<Document.Block> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        ObjectNode cell = cell(cells, "markdown");
        List<String> parts = new ArrayList<>();
        ObjectNode attachments = null;
        for (Document.Block block : blocks) {
            if (block instanceof Document.Heading h) {
                parts.add("#".repeat(h.level()) + " " + h.text());
            } else if (block instanceof Document.Text t) {
                parts.add(t.markdown().strip());
            } else if (block instanceof Document.Formula f) {
                parts.add("$$\n" + f.latex().strip() + "\n$$");
            } else if (block instanceof Document.Table t) {
                parts.add(markdownTable(t));
            } else if (block instanceof Document.Image i) {
                if (attachments == null) {
                    attachments = JSON.createObjectNode();
                }
                String name = "figure-" + (attachments.size() + 1) + ".png";
                attachments.putObject(name).put("image/png", Base64.getEncoder().encodeToString(i.png()));
                parts.add("![" + i.caption().replace("]", "\\]") + "](attachment:" + name + ")");
            } else {
                throw new IllegalStateException("code in a markdown cell");
            }
        }
        source(cell, String.join("\n\n", parts));
        if (attachments != null) {
            cell.set("attachments", attachments);
        }
        blocks.clear();
    }

    private static void codeCell(ArrayNode cells, Document.Code code) {
        ObjectNode cell = cell(cells, "code");
        cell.putNull("execution_count");
        source(cell, code.source().strip());
        ArrayNode outputs = cell.putArray("outputs");
        for (Document.Block output : code.outputs()) {
            if (output instanceof Document.Text t) {
                ObjectNode stream = outputs.addObject();
                stream.put("output_type", "stream");
                stream.put("name", "stdout");
                lines(stream.putArray("text"), t.markdown().endsWith("\n") ? t.markdown() : t.markdown() + "\n");
            } else if (output instanceof Document.Table t) {
                ObjectNode data = display(outputs);
                lines(data.putArray("text/html"), HtmlPages.table(t));
                lines(data.putArray("text/markdown"), markdownTable(t));
                lines(data.putArray("text/plain"), plainTable(t));
            } else if (output instanceof Document.Image i) {
                ObjectNode data = display(outputs);
                data.put("image/png", Base64.getEncoder().encodeToString(i.png()));
                lines(data.putArray("text/plain"), "<" + i.caption() + ">");
            }
        }
    }

    private static ObjectNode display(ArrayNode outputs) {
        ObjectNode display = outputs.addObject();
        display.put("output_type", "display_data");
        display.putObject("metadata");
        return display.putObject("data");
    }

    private static ObjectNode cell(ArrayNode cells, String type) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", type);
        cell.put("id", String.format(Locale.ROOT, "cell-%03d", cells.size()));
        cell.putObject("metadata");
        return cell;
    }

    private static void source(ObjectNode cell, String text) {
        lines(cell.putArray("source"), text);
    }

    /** Multi-line text as Jupyter stores it: a list of lines, each but the last ending in a newline. */
    private static void lines(ArrayNode array, String text) {
        int from = 0;
        while (from < text.length()) {
            int newline = text.indexOf('\n', from);
            int to = newline < 0 ? text.length() : newline + 1;
            array.add(text.substring(from, to));
            from = to;
        }
    }

    /** A GitHub-flavoured markdown table (Jupyter renders those). */
    static String markdownTable(Document.Table table) {
        return org.losslab.report.Tables.markdown(table.columns(), table.rows()).stripTrailing();
    }

    /** The table as aligned plain text. */
    static String plainTable(Document.Table table) {
        int[] widths = new int[table.columns().size()];
        List<List<String>> all = new ArrayList<>();
        all.add(table.columns());
        all.addAll(table.rows());
        for (List<String> row : all) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : all) {
            for (int c = 0; c < widths.length; c++) {
                text.append(c == 0 ? "" : "  ").append(String.format("%-" + widths[c] + "s", row.get(c)));
            }
            text.append('\n');
        }
        return text.toString().stripTrailing();
    }
}

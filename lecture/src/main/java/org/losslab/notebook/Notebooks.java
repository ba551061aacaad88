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
 * Writes a {@link Document} as a Jupyter notebook (nbformat 4.5) for a Java kernel (JJava, or IJava before it: the
 * {@code java} kernel spec): text, formulas and tables become markdown cells (formulas as {@code $$…$$}, which
 * Jupyter renders with MathJax); code becomes code cells, numbered in order ({@code execution_count}), whose outputs
 * are what the cell displays when run: each output as {@link Displays} says a kernel shows it ({@code display_data}
 * with {@code text/html} for a table, {@code image/png} for a chart, {@code text/plain} for text). The provenance goes
 * into the notebook's metadata ({@code metadata.losslab}) and into a last markdown cell.
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
        int count = 0;
        for (Document.Block block : document.blocks()) {
            if (block instanceof Document.Code code) {
                markdownCell(cells, pending);
                codeCell(cells, code, ++count);
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

    private static void codeCell(ArrayNode cells, Document.Code code, int count) {
        ObjectNode cell = cell(cells, "code");
        cell.put("execution_count", count);
        source(cell, code.source().strip());
        ArrayNode outputs = cell.putArray("outputs");
        for (Document.Block output : code.outputs()) {
            ObjectNode data = display(outputs);
            if (output instanceof Document.Image image) {
                data.put(Displays.PNG, Base64.getEncoder().encodeToString(image.png())); // the bytes, not re-encoded
                continue;
            }
            String text = (String) Displays.value(output);
            for (String type : Displays.types(output)) {
                lines(data.putArray(type), text);
            }
            if (!data.has(Displays.TEXT)) {
                lines(data.putArray(Displays.TEXT), text); // a kernel adds String.valueOf(value) as text/plain
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
}

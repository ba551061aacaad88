package org.losslab.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.losslab.io.AtomicFiles;

/**
 * Writes a {@link Document} as one self-contained HTML page, for readers without Jupyter: no scripts and nothing
 * fetched from elsewhere. Text is CommonMark (rendered with commonmark-java), formulas are MathML (which browsers
 * draw natively), charts are PNG data URIs, and the provenance closes the page.
 */
public final class HtmlPages {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).build();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
                   line-height: 1.5; color: #1d1d1d; }
            h1, h2, h3 { line-height: 1.2; }
            math[display=block] { margin: 1rem 0; font-size: 1.2em; }
            table { border-collapse: collapse; margin: 1rem 0; font-size: 0.95em; }
            th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; }
            th { background: #f3f3f3; }
            pre { background: #f6f8fa; padding: 0.8rem; overflow-x: auto; border-radius: 4px; }
            code { font-family: ui-monospace, monospace; font-size: 0.92em; }
            figure { margin: 1rem 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { color: #555; font-size: 0.9em; }
            .code { border-left: 3px solid #8ab4f8; padding-left: 0.8rem; margin: 1rem 0; }
            .code > .label { color: #555; font-size: 0.85em; }
            """;

    private HtmlPages() {
    }

    /**
     * Writes the page to {@code file}, atomically.
     *
     * @param document the document
     * @param file the file
     */
    public static void write(Document document, Path file) throws IOException {
        AtomicFiles.writeString(file, html(document));
    }

    /**
     * {@return the page as HTML text}
     *
     * @param document the document
     */
    public static String html(Document document) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(document.title())).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        for (Document.Block block : document.blocks()) {
            block(html, block);
        }
        html.append("<h2>Provenance</h2>\n<p>What made this report:</p>\n");
        html.append(table(provenanceTable(document.provenance()))).append('\n');
        html.append("<details><summary>as JSON</summary>\n<pre><code>")
                .append(escape(provenanceJson(document.provenance()))).append("</code></pre>\n</details>\n");
        return html.append("</body>\n</html>\n").toString();
    }

    private static void block(StringBuilder html, Document.Block block) {
        if (block instanceof Document.Heading h) {
            html.append("<h").append(h.level()).append('>').append(escape(h.text())).append("</h").append(h.level())
                    .append(">\n");
        } else if (block instanceof Document.Text t) {
            html.append(RENDERER.render(MARKDOWN.parse(t.markdown())));
        } else if (block instanceof Document.Formula f) {
            html.append(f.mathml().strip()).append('\n');
        } else if (block instanceof Document.Table t) {
            html.append(table(t)).append('\n');
        } else if (block instanceof Document.Image i) {
            html.append("<figure><img alt=\"").append(escape(i.caption()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(i.png()))
                    .append("\"><figcaption>").append(escape(i.caption())).append("</figcaption></figure>\n");
        } else if (block instanceof Document.Code c) {
            html.append("<div class=\"code\"><div class=\"label\">Java</div><pre><code>")
                    .append(escape(c.source().strip())).append("</code></pre>\n");
            for (Document.Block output : c.outputs()) {
                if (output instanceof Document.Text t) {
                    html.append("<pre>").append(escape(t.markdown())).append("</pre>\n");
                } else {
                    block(html, output);
                }
            }
            html.append("</div>\n");
        }
    }

    /** A table as an HTML {@code <table>}. */
    static String table(Document.Table table) {
        StringBuilder html = new StringBuilder("<table>\n<thead><tr>");
        for (String column : table.columns()) {
            html.append("<th>").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td>").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    /** The provenance as indented JSON, in its order. */
    static String provenanceJson(Map<String, Object> provenance) {
        try {
            return JSON.writeValueAsString(provenance);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance not serialisable", e);
        }
    }

    /** The provenance's top-level entries as a two-column table (nested values as compact JSON). */
    private static Document.Table provenanceTable(Map<String, Object> provenance) {
        ObjectMapper compact = new ObjectMapper();
        List<List<String>> rows = provenance.entrySet().stream().map(e -> {
            try {
                return List.of(e.getKey(), e.getValue() instanceof String s ? s
                        : compact.writeValueAsString(e.getValue()));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
        return new Document.Table(List.of("what", "value"), rows);
    }

    /** Escapes text for HTML. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

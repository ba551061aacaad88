package org.losslab.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.report.Charts;

/** Notebooks: valid against the official nbformat 4.5 schema, with every kind of block where it belongs. */
class NotebooksTest {

    static byte[] png(Path dir) throws Exception {
        Path file = dir.resolve("chart.png");
        Charts.lineChart(file, "a chart", "x", "y", List.of(new Charts.Line("line", new double[] {1, 2, 3},
                new double[] {3, 1, 2})), false);
        return Files.readAllBytes(file);
    }

    static Document document(byte[] png) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("losslab", "0.1.0");
        provenance.put("commit", "abc123");
        provenance.put("data", Map.of("md5", Map.of("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873")));
        provenance.put("run ids", List.of("lecture/quadratic/candidate-001"));
        return new Document("A <report> & more", List.of(
                new Document.Heading(1, "A <report> & more"),
                new Document.Text("Some *text* with `code` and a | pipe."),
                new Document.Formula("C = \\frac{1}{2}\\|y - a\\|^2", "<math display=\"block\"><mi>C</mi></math>"),
                new Document.Table(List.of("cost", "accuracy"), List.of(List.of("quadratic | sigmoid", "95.42%"))),
                new Document.Image(png, "a picture"),
                new Document.Heading(2, "Code"),
                new Document.Code("int x = 1;\nSystem.out.println(x);", List.of(
                        new Document.Text("1"),
                        new Document.Table(List.of("a", "b"), List.of(List.of("1", "2"))),
                        new Document.Image(png, "the chart")))), provenance);
    }

    @Test
    void aNotebookIsValidNbformat45(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.ipynb");
        Notebooks.write(document(png(dir)), file);
        String json = Files.readString(file);
        assertThat(NotebookSchema.errors(json)).isEmpty();
        JsonNode notebook = new ObjectMapper().readTree(json);
        assertThat(notebook.get("nbformat").asInt()).isEqualTo(4);
        assertThat(notebook.get("nbformat_minor").asInt()).isEqualTo(5);
        assertThat(notebook.at("/metadata/kernelspec/name").asText()).isEqualTo("java");
        assertThat(notebook.at("/metadata/losslab/commit").asText()).isEqualTo("abc123");
        assertThat(notebook.at("/metadata/losslab/run ids/0").asText()).isEqualTo("lecture/quadratic/candidate-001");
    }

    @Test
    void theValidatorRejectsABrokenNotebook(@TempDir Path dir) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode notebook = (ObjectNode) mapper.readTree(Notebooks.json(document(png(dir))));
        notebook.remove("nbformat");
        ((ObjectNode) notebook.get("cells").get(0)).put("cell_type", "picture");
        assertThat(NotebookSchema.errors(mapper.writeValueAsString(notebook))).isNotEmpty();
    }

    @Test
    void blocksBecomeMarkdownAndCodeCellsWithOutputs(@TempDir Path dir) throws Exception {
        byte[] png = png(dir);
        JsonNode notebook = new ObjectMapper().readTree(Notebooks.json(document(png)));
        List<String> types = new ArrayList<>();
        notebook.get("cells").forEach(cell -> types.add(cell.get("cell_type").asText()));
        // heading 1 + text + formula + table + image | heading 2 | code | provenance
        assertThat(types).containsExactly("markdown", "markdown", "code", "markdown");
        JsonNode first = notebook.get("cells").get(0);
        String markdown = String.join("", text(first.get("source")));
        assertThat(markdown).startsWith("# A <report> & more\n\nSome *text*")
                .contains("$$\nC = \\frac{1}{2}\\|y - a\\|^2\n$$")
                .contains("| cost | accuracy |\n| --- | --- |\n| quadratic \\| sigmoid | 95.42% |")
                .contains("![a picture](attachment:figure-1.png)");
        assertThat(Base64.getDecoder().decode(first.at("/attachments/figure-1.png/image~1png").asText()))
                .isEqualTo(png);

        JsonNode code = notebook.get("cells").get(2);
        assertThat(text(code.get("source"))).containsExactly("int x = 1;\n", "System.out.println(x);");
        assertThat(code.get("execution_count").asInt()).as("numbered, as run").isEqualTo(1);
        JsonNode outputs = code.get("outputs");
        assertThat(outputs).hasSize(3);
        assertThat(outputs).allSatisfy(o -> assertThat(o.get("output_type").asText()).isEqualTo("display_data"));
        assertThat(text(outputs.get(0).at("/data/text~1plain"))).containsExactly("1");
        assertThat(String.join("", text(outputs.get(1).at("/data/text~1html")))).contains("<td>1</td><td>2</td>");
        assertThat(String.join("", text(outputs.get(1).at("/data/text~1plain"))))
                .as("a kernel's text/plain of a string: the string").isEqualTo(String.join("",
                        text(outputs.get(1).at("/data/text~1html"))));
        assertThat(outputs.get(2).get("data").has("text/plain")).as("an image's: left out").isFalse();
        byte[] image = Base64.getDecoder().decode(outputs.get(2).at("/data/image~1png").asText());
        assertThat(image).isEqualTo(png);
        assertThat(ImageIO.read(new ByteArrayInputStream(image)).getWidth()).isPositive();

        String provenance = String.join("", text(notebook.get("cells").get(3).get("source")));
        assertThat(provenance).startsWith("## Provenance").contains("\"commit\" : \"abc123\"");
        List<String> ids = new ArrayList<>();
        notebook.get("cells").forEach(cell -> ids.add(cell.get("id").asText()));
        assertThat(ids).doesNotHaveDuplicates();
    }

    private static List<String> text(JsonNode lines) {
        List<String> out = new ArrayList<>();
        lines.forEach(line -> out.add(line.asText()));
        return out;
    }
}

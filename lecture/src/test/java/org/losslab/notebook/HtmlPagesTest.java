package org.losslab.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML page: self-contained, escaped, with MathML formulas, embedded charts and the provenance. */
class HtmlPagesTest {

    @Test
    void thePageIsSelfContained(@TempDir Path dir) throws Exception {
        byte[] png = NotebooksTest.png(dir);
        Path file = dir.resolve("report.html");
        HtmlPages.write(NotebooksTest.document(png), file);
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("<link")
                .doesNotContain("<iframe");
        Matcher sources = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (sources.find()) {
            assertThat(sources.group(1)).startsWith("data:image/png;base64,");
            assertThat(Base64.getDecoder().decode(sources.group(1).substring("data:image/png;base64,".length())))
                    .isEqualTo(png);
            images++;
        }
        assertThat(images).isEqualTo(2);
    }

    @Test
    void textIsEscapedFormulasAreMathMlAndProvenanceCloses(@TempDir Path dir) throws Exception {
        String html = HtmlPages.html(NotebooksTest.document(NotebooksTest.png(dir)));
        assertThat(html).contains("<title>A &lt;report&gt; &amp; more</title>")
                .contains("<h1>A &lt;report&gt; &amp; more</h1>")
                .contains("<p>Some <em>text</em> with <code>code</code> and a | pipe.</p>")
                .contains("<math display=\"block\"><mi>C</mi></math>")
                .contains("<td>quadratic | sigmoid</td>")
                .contains("<pre><code>int x = 1;\nSystem.out.println(x);</code></pre>")
                .contains("<figcaption>the chart</figcaption>");
        assertThat(html.indexOf("<h2>Provenance</h2>")).isGreaterThan(html.indexOf("<h2>Code</h2>"));
        assertThat(html).contains("<td>commit</td><td>abc123</td>")
                .contains("<td>run ids</td><td>[&quot;lecture/quadratic/candidate-001&quot;]</td>");
    }
}

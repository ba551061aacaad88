package org.losslab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README.md's Java example is QuickStart's code, word for word, and it runs. */
class ReadmeExampleTest {

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end, from);
        assertThat(from).as("marker %s", begin).isNotNegative();
        assertThat(to).as("marker %s", end).isGreaterThan(from);
        return text.substring(from + begin.length(), to);
    }

    private static List<String> dedented(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).dropWhile(String::isEmpty)
                .toList();
    }

    @Test
    void readmeShowsExactlyTheCompiledExample() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher java = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(java.find()).as("README.md has a ```java block").isTrue();
        String source = Files.readString(Path.of("src/test/java/org/losslab/examples/QuickStart.java"));
        List<String> example = dedented(between(source, "// README:begin\n", "        // README:end"));
        assertThat(dedented(java.group(1))).isEqualTo(example);
    }

    @Test
    void theExampleRunsAndPrintsTheLecturesFigure(@org.junit.jupiter.api.io.TempDir Path models) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[] {models.toString()});
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("output at epoch 150: 0.933").contains("DenseLayer").contains("OutputLayer")
                .containsPattern("test accuracy \\d+\\.\\d%, model in .*model.zip");
        try (var runs = Files.list(models)) {
            assertThat(runs).hasSize(1);
        }
    }
}

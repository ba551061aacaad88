package org.losslab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.testing.Checkout;

/**
 * README.md's Java example is {@code examples/quickstart}'s {@code Main}, word for word, imports and all, and its
 * dependency snippet is that project's; the example compiles against LossLab's modules and runs. (CI also builds and
 * runs the example as a project of its own, outside the checkout: {@code .ci/quickstart}.)
 */
class ReadmeExampleTest {

    private static final Path EXAMPLE = Checkout.root().resolve("examples/quickstart");
    private static final Path MAIN = EXAMPLE.resolve("src/main/java/quickstart/Main.java");

    private static String block(String markdown, String language) {
        Matcher block = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(block.find()).as("README.md has a ```%s block", language).isTrue();
        return block.group(1);
    }

    private static List<String> dedented(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).dropWhile(String::isEmpty)
                .toList();
    }

    @Test
    void readmeShowsExactlyTheExampleProject() throws IOException {
        String readme = Files.readString(Checkout.root().resolve("README.md"));
        assertThat(block(readme, "java")).isEqualTo(Files.readString(MAIN));
        String pom = Files.readString(EXAMPLE.resolve("pom.xml"));
        int from = pom.indexOf("<!-- README:dependencies -->\n");
        int to = pom.indexOf("  <!-- README:end -->", from);
        assertThat(from).isNotNegative();
        assertThat(to).isGreaterThan(from);
        assertThat(dedented(block(readme, "xml")))
                .isEqualTo(dedented(pom.substring(from + "<!-- README:dependencies -->\n".length(), to)));
    }

    @Test
    void theExampleCompilesAndPrintsTheLecturesFigure(@TempDir Path dir) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(errors, null, null, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString()), null,
                compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(MAIN.toFile()))
                .call();
        assertThat(compiled).as(errors.toString()).isTrue();

        Path models = dir.resolve("models");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = loader.loadClass("quickstart.Main").getMethod("main", String[].class);
            main.invoke(null, (Object) new String[] {models.toString()});
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

package org.losslab.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Runs an exported notebook's code cells in order in JShell, the engine under Java's Jupyter kernels, as a kernel
 * would ({@link NotebookKernel}: a JVM of its own whose working directory is the notebook's folder, with LossLab's
 * jars on the class path, the test's in place of the {@code %jars} magic, and {@link JShellDisplay} as
 * {@code display}). Then checks that each cell showed exactly the outputs the notebook saved for it, that the cells
 * are numbered in order, and that nothing outside the lecture's folder was written or changed.
 */
public final class NotebookRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookRun() {
    }

    /**
     * @param notebook the notebook to run
     * @param lecture  the lecture's folder, the only place the cells may write
     * @param root     a folder holding both, every file of which outside {@code lecture} must stay as it is
     * @param scratch  a folder outside {@code root} for the displays' record
     * @return how many code cells ran
     */
    public static int assertRunsAsSaved(Path notebook, Path lecture, Path root, Path scratch) throws Exception {
        JsonNode cells = JSON.readTree(Files.readString(notebook)).get("cells");
        Map<Path, String> before = outside(root, lecture);
        Path displays = scratch.resolve("displays.jsonl").toAbsolutePath();
        Path log = scratch.resolve("kernel.log").toAbsolutePath();
        Process kernel = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--class-path", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                "-D" + JShellDisplay.FILE + "=" + displays, NotebookKernel.class.getName(),
                notebook.toAbsolutePath().toString(), displays.toString())
                .directory(notebook.toAbsolutePath().getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(kernel.waitFor(10, TimeUnit.MINUTES)).as("the cells ran within 10 minutes").isTrue();
        List<JsonNode> shown = new ArrayList<>();
        for (String line : Files.readAllLines(displays)) {
            shown.add(JSON.readTree(line));
        }
        shown.stream().filter(line -> line.has("error")).findFirst().ifPresent(error -> {
            throw new AssertionError(error.get("error").asText() + "\n" + tail(log));
        });
        assertThat(kernel.exitValue()).as("the kernel's exit status\n%s", tail(log)).isZero();
        int ran = 0;
        int at = 0;
        for (JsonNode cell : cells) {
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            ran++;
            assertThat(cell.get("execution_count").asInt()).as("execution_count").isEqualTo(ran);
            assertThat(shown.get(at).path("cell").asInt()).as("cell %d ran", ran).isEqualTo(ran);
            at++;
            List<JsonNode> produced = new ArrayList<>();
            while (at < shown.size() && !shown.get(at).has("cell")) {
                produced.add(shown.get(at++));
            }
            List<JsonNode> outputs = new ArrayList<>();
            cell.get("outputs").forEach(outputs::add);
            assertThat(produced).as("cell %d's displays", ran).hasSameSizeAs(outputs);
            for (int i = 0; i < outputs.size(); i++) {
                assertSame(outputs.get(i), produced.get(i), "cell " + ran + ", output " + (i + 1));
            }
        }
        assertThat(at).as("every display belongs to a cell of the notebook").isEqualTo(shown.size());
        assertThat(outside(root, lecture)).as("nothing outside the lecture's folder changes").isEqualTo(before);
        return ran;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void assertSame(JsonNode saved, JsonNode shown, String where) throws IOException {
        assertThat(saved.get("output_type").asText()).as(where).isEqualTo("display_data");
        JsonNode data = saved.get("data");
        List<String> types = new ArrayList<>();
        data.fieldNames().forEachRemaining(types::add);
        List<String> shownTypes = new ArrayList<>();
        shown.fieldNames().forEachRemaining(shownTypes::add);
        assertThat(shownTypes).as("%s: its MIME types", where).containsExactlyInAnyOrderElementsOf(types);
        for (String type : types) {
            if (type.equals("image/png")) {
                assertSamePixels(data.get(type).asText(), shown.get(type).asText(), where);
            } else {
                assertThat(shown.get(type).asText()).as("%s: %s", where, type).isEqualTo(text(data.get(type)));
            }
        }
    }

    /** Two PNGs that draw the same picture (a kernel encodes an image its own way, so the bytes may differ). */
    private static void assertSamePixels(String saved, String shown, String where) throws IOException {
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(saved)));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(shown)));
        assertThat(b.getWidth() + "x" + b.getHeight()).as("%s: the image's size", where)
                .isEqualTo(a.getWidth() + "x" + a.getHeight());
        assertThat(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()))
                .as("%s: the image's pixels", where)
                .isEqualTo(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()));
    }

    /** A notebook's multi-line text: a list of lines, or one string. */
    private static String text(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        StringBuilder text = new StringBuilder();
        node.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    /** Every file under {@code root} but those in {@code lecture}, with its size, time and a digest of its bytes. */
    private static Map<Path, String> outside(Path root, Path lecture) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        Path skip = lecture.toAbsolutePath().normalize();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                if (!file.toAbsolutePath().normalize().startsWith(skip)) {
                    files.put(file, Files.size(file) + " " + Files.getLastModifiedTime(file) + " "
                            + java.util.Arrays.hashCode(Files.readAllBytes(file)));
                }
            }
        }
        return files;
    }
}

package org.losslab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * A minimal Java kernel for tests, as JJava runs cells: JShell executing in this JVM, started in the notebook's folder
 * (a kernel's working directory), with {@code display} bound to {@link JShellDisplay}. It runs a notebook's code
 * cells in order and writes, to the displays file, a line {@code {"cell": n}} before each cell's displays; a cell
 * that does not compile or throws ends the run with a line {@code {"error": …}} and exit status 1.
 *
 * <p>Arguments: the notebook, the displays file (also given as {@value JShellDisplay#FILE}).
 */
public final class NotebookKernel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookKernel() {
    }

    /**
     * @param args the notebook and the displays file
     */
    public static void main(String[] args) throws Exception {
        Path notebook = Path.of(args[0]);
        Path displays = Path.of(args[1]);
        JsonNode cells = JSON.readTree(Files.readString(notebook)).get("cells");
        try (JShell shell = JShell.builder().executionEngine("local").out(new PrintStream(System.out, true,
                StandardCharsets.UTF_8)).build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            String failed = run(shell, "String display(Object value, String... types) { "
                    + "return org.losslab.notebook.JShellDisplay.display(value, types); }");
            int number = 0;
            for (JsonNode cell : cells) {
                if (failed != null) {
                    break;
                }
                if (!cell.get("cell_type").asText().equals("code")) {
                    continue;
                }
                number++;
                write(displays, Map.of("cell", number));
                StringBuilder code = new StringBuilder();
                cell.get("source").forEach(line -> code.append(line.asText()));
                StringBuilder java = new StringBuilder();
                for (String line : code.toString().split("\n", -1)) {
                    if (line.startsWith("%jars ")) {
                        // the test's class path stands in for the jars: check the magic names LossLab's
                        if (!line.matches("%jars .*cli/target/lib/\\*\\.jar")) {
                            failed = "cell " + number + ": a %jars magic that is not LossLab's: " + line;
                        }
                    } else if (line.startsWith("%")) {
                        failed = "cell " + number + ": an unknown magic: " + line;
                    } else {
                        java.append(line).append('\n');
                    }
                }
                if (failed == null) {
                    String error = run(shell, java.toString());
                    failed = error == null ? null : "cell " + number + ": " + error;
                }
            }
            if (failed != null) {
                write(displays, Map.of("error", failed));
                System.exit(1);
            }
        }
        System.exit(0);
    }

    /** Evaluates {@code code} snippet by snippet; the first snippet that does not compile or throws, in words. */
    private static String run(JShell shell, String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                return "not a complete snippet: " + remaining;
            }
            for (SnippetEvent event : shell.eval(info.source())) {
                if (event.causeSnippet() != null) {
                    continue;
                }
                if (event.status() != Snippet.Status.VALID && event.status() != Snippet.Status.OVERWRITTEN) {
                    List<String> diagnostics = shell.diagnostics(event.snippet())
                            .map(d -> d.getMessage(java.util.Locale.ROOT)).toList();
                    return event.status() + " " + info.source() + " " + diagnostics;
                }
                if (event.exception() != null) {
                    return "threw " + event.exception().getMessage() + " in " + info.source();
                }
            }
            remaining = info.remaining();
        }
        return null;
    }

    private static void write(Path displays, Map<String, Object> line) throws java.io.IOException {
        Files.writeString(displays, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

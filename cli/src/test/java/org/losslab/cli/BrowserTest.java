package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.testing.ChildJvm;
import org.losslab.testing.Listening;

/**
 * End to end in headless Chromium: a short run trained with {@code --ui --ui-keep}, then the same run replayed with
 * {@code losslab ui}; each time the overview shows the score chart with points and the model page lists the layers.
 * Screenshots go to {@code target/ui-screenshots/}. All traffic is to 127.0.0.1.
 */
class BrowserTest {

    static final Path SCREENSHOTS = Path.of("target/ui-screenshots");
    private static final Pattern ADDRESS = Pattern.compile("UI: (http://127\\.0\\.0\\.1:(\\d+)/)");

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "Debian's chromium is not installed (.ci/run installs it)");
    }

    /** A losslab command in its own JVM, with its output read line by line. */
    static final class Child implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final List<String> lines = new ArrayList<>();

        Child(String... args) throws IOException {
            process = ChildJvm.start(Main.class, List.of(), List.of(args));
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Reads lines until one starts with {@code prefix}; fails when the output ends first. */
        String awaitLine(String prefix) throws IOException {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("no line starting with '" + prefix + "' in:\n" + String.join("\n", lines));
        }

        URI address() {
            for (String line : lines) {
                Matcher matcher = ADDRESS.matcher(line);
                if (matcher.find()) {
                    return URI.create(matcher.group(1));
                }
            }
            throw new AssertionError("no UI address in:\n" + String.join("\n", lines));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM: the shutdown hook stops the server and closes the stats
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The overview's score chart has points and the model page draws every layer; screenshots of both. */
    static void checkPages(URI ui, String name) throws IOException, InterruptedException {
        try (Browser browser = new Browser()) {
            browser.open(ui.resolve("/train/overview"));
            String overview = browser.evaluateWhen(
                    "document.querySelectorAll('#scoreiterchart .flot-tick-label').length > 4"
                            + " && document.getElementById('nParams').textContent.trim() !== ''",
                    "{params: document.getElementById('nParams').textContent.trim(),"
                            + " ticks: Array.from(document.querySelectorAll('#scoreiterchart .flot-x-axis"
                            + " .flot-tick-label')).map(e => e.textContent)}");
            // 784·30 + 30 + 30·10 + 10 parameters; iterations on the x axis beyond 0: points were plotted.
            assertThat(overview).contains("\"params\":\"23860\"").containsPattern("\"ticks\":\\[[^\\]]*\"[1-9]\\d*\"");
            // what beta7 leaves empty, and LossLab's chart of the validation accuracy per epoch
            String perf = browser.evaluateWhen(
                    "document.getElementById('startTime').textContent.trim() !== ''"
                            + " && document.getElementById('totalRuntime').textContent.trim() !== ''"
                            + " && document.getElementById('losslabAccuracyLast') != null"
                            + " && document.getElementById('losslabAccuracyLast').textContent.includes('after epoch')"
                            + " && document.querySelectorAll('#losslabAccuracyChart .flot-tick-label').length > 2",
                    "{start: document.getElementById('startTime').textContent.trim(),"
                            + " runtime: document.getElementById('totalRuntime').textContent.trim(),"
                            + " accuracy: document.getElementById('losslabAccuracyLast').textContent.trim()}");
            browser.screenshot(SCREENSHOTS.resolve(name + "-overview.png"));
            assertThat(perf).containsPattern("\"start\":\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\"")
                    .containsPattern("\"runtime\":\"\\d+ (s|min \\d\\d s)\"")
                    .containsPattern("\"accuracy\":\"after epoch [12]: \\d+\\.\\d\\d %\"");

            browser.open(ui.resolve("/train/model"));
            // cytoscape keeps its instance on the container element (model-graph.js draws into #layers).
            String layers = browser.evaluateWhen(
                    "document.getElementById('layers')._cyreg && document.getElementById('layers')._cyreg.cy"
                            + " && document.getElementById('layers')._cyreg.cy.nodes().length >= 3",
                    "document.getElementById('layers')._cyreg.cy.nodes().map(n => n.data('name'))");
            browser.screenshot(SCREENSHOTS.resolve(name + "-model.png"));
            assertThat(layers).contains("Input").contains("Dense").contains("Output");
        }
    }

    @Test
    void aLiveRunThenTheSameRunReplayed() throws Exception {
        Path models = dir.resolve("models");
        Path run;
        try (Child train = new Child("train", "--ui", "--ui-port", "0", "--ui-keep", "--dataset", "sample",
                "--train-limit", "1000", "--test-limit", "200", "--epochs", "2", "--models", models.toString())) {
            train.awaitLine("serving ");
            URI ui = train.address();
            assertThat(Listening.addresses(ui.getPort())).isNotEmpty()
                    .allSatisfy(hex -> assertThat(Listening.loopback(hex)).isTrue());
            checkPages(ui, "live");
            try (var runs = Files.list(models)) {
                run = runs.findFirst().orElseThrow();
            }
            int port = ui.getPort();
            train.close();
            assertThat(Listening.addresses(port)).as("Ctrl-C stops the server").isEmpty();
        }
        try (Child replay = new Child("ui", run.toString(), "--ui-port", "0")) {
            replay.awaitLine("serving ");
            checkPages(replay.address(), "replayed");
        }
    }

    /** A small search with --ui: Arbiter's page lists every candidate with its score; a candidate's training shows. */
    @Test
    void aSearchShowsItsCandidatesOnArbitersPage() throws Exception {
        try (Child compare = new Child("compare", "--presets", "cross-entropy-sigmoid", "--activation",
                "sigmoid,tanh", "--epochs", "1", "--dataset", "sample", "--train-limit", "500", "--test-limit", "100",
                "--parallel", "2", "--ui", "--ui-port", "0", "--ui-keep", "--models", dir.resolve("search").toString())) {
            compare.awaitLine("serving ");
            URI ui = compare.address();
            try (Browser browser = new Browser()) {
                browser.open(ui.resolve("/arbiter"));
                String rows = browser.evaluateWhen(
                        "document.querySelectorAll('#resultsTableBody tr').length >= 2",
                        "Array.from(document.querySelectorAll('#resultsTableBody tr')).map(r =>"
                                + " Array.from(r.cells).map(c => c.textContent.trim()))");
                browser.screenshot(SCREENSHOTS.resolve("search-arbiter.png"));
                // [["1","0.83","Complete"],["2","0.8","Complete"]]: candidate, score, status
                assertThat(rows).containsPattern("\\[\"1\",\"0?\\.\\d+\",\"Complete\"\\]")
                        .containsPattern("\\[\"2\",\"0?\\.\\d+\",\"Complete\"\\]");
                String summary = browser.evaluateWhen(
                        "document.getElementById('statusdiv').textContent.includes('Models Completed')",
                        "document.getElementById('statusdiv').textContent");
                assertThat(summary).contains("Models Total").contains("LossLab Search");
                // the best score rounded for reading (results.csv keeps every digit)
                assertThat(summary).containsPattern("Best Score\\s*0?\\.\\d{1,4}(?!\\d)")
                        .as("the search's own bound: its 2 candidates, not the spec's limit of 50")
                        .contains("MaxCandidatesCondition(2)").doesNotContain("MaxCandidatesCondition(50)");
                String settings = browser.evaluateWhen(
                        "document.getElementById('settingsdiv').textContent.includes('Candidate Generator')",
                        "document.getElementById('settingsdiv').textContent");
                assertThat(settings).contains("GridSearchCandidateGenerator").contains("SearchDataSource")
                        .contains("LossLab run folders").contains("TANH");
            }
        }
    }

    /** A pruned candidate on Arbiter's page: Cancelled in the table (Arbiter has no other word), why with it. */
    @Test
    void aPrunedCandidateSaysSoOnArbitersPage() throws Exception {
        try (Child compare = new Child("compare", "--presets", "cross-entropy-sigmoid", "--hidden", "20", "--eta",
                "0.5,0.001", "--epochs", "2", "--seed", "5", "--pruner", "asha", "--dataset", "sample",
                "--train-limit", "400", "--test-limit", "100", "--parallel", "1", "--ui", "--ui-port", "0",
                "--ui-keep", "--models", dir.resolve("pruned").toString())) {
            compare.awaitLine("serving ");
            URI ui = compare.address();
            try (Browser browser = new Browser()) {
                browser.open(ui.resolve("/arbiter"));
                String rows = browser.evaluateWhen(
                        "Array.from(document.querySelectorAll('#resultsTableBody tr')).filter(r =>"
                                + " r.cells.length > 2 && r.cells[2].textContent.trim() != 'Running').length >= 2",
                        "Array.from(document.querySelectorAll('#resultsTableBody tr')).map(r =>"
                                + " Array.from(r.cells).map(c => c.textContent.trim()))");
                assertThat(rows).containsPattern("\\[\"1\",\"0?\\.\\d+\",\"Complete\"\\]")
                        .containsPattern("\\[\"2\",\"[^\"]*\",\"Cancelled\"\\]");
                String summary = browser.evaluateWhen(
                        "document.getElementById('statusdiv').textContent.includes('Models Completed')",
                        "document.getElementById('statusdiv').textContent");
                assertThat(summary).as("a pruned candidate did not fail").contains("Models Completed2")
                        .contains("Models Failed0");
                browser.evaluateWhen("document.getElementById('rTbl-2') != null",
                        "document.getElementById('rTbl-2').click()");
                String details = browser.evaluateWhen(
                        "document.getElementById('resultsviewdiv').textContent.includes('pruned after epoch 1')",
                        "document.getElementById('resultsviewdiv').textContent");
                browser.screenshot(SCREENSHOTS.resolve("search-arbiter-pruned.png"));
                assertThat(details).contains("pruned after epoch 1: accuracy ").contains("successive halving by 3");
            }
        }
    }
}

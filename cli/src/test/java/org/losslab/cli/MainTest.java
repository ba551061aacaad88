package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    /** What one run of the command line printed, and its exit code. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Result result = run("--help");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("presets").contains("neuron").contains("--verbose");
    }

    @Test
    void presetsShowsCostActivationAndGradientOfEach() {
        Result result = run("presets");
        assertThat(result.code()).isZero();
        assertThat(result.out()).containsPattern("quadratic-sigmoid\\s+C = ½‖y − a‖²\\s+sigmoid\\s+δ = \\(a − y\\) ⊙ σ′\\(z\\)")
                .containsPattern("cross-entropy-sigmoid\\s+.*sigmoid\\s+δ = a − y\\s+XENT")
                .containsPattern("softmax-log-likelihood\\s+C = −ln a_y\\s+softmax\\s+δⱼ = aⱼ − yⱼ\\s+NEGATIVELOGLIKELIHOOD")
                .contains("swish");
    }

    @Test
    void neuronPrintsATableAndWritesCsvAndPlot(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("out/run.csv");
        Path png = dir.resolve("run.png");
        Result result = run("neuron", "--cost", "cross-entropy", "--w", "2", "--b", "2", "--eta", "0.005",
                "--epochs", "300", "--every", "100", "--csv", csv.toString(), "--plot", png.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("cross-entropy w=2 b=2 η=0.005")
                .containsPattern("(?m)^\\s+0\\s+2\\.0000\\s+2\\.0000\\s+0\\.9820")
                .containsPattern("(?m)^\\s+300\\s+\\S+\\s+\\S+\\s+0\\.7796");
        assertThat(result.out().lines().filter(l -> l.matches("\\s+\\d+\\s.*"))).hasSize(4);
        assertThat(Files.readAllLines(csv)).hasSize(302).first().isEqualTo("epoch,w,b,output,cost,dC_dw,dC_db");
        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }

    @Test
    void lectureComparesWithTheBookAndDrawsBothCharts(@TempDir Path dir) throws IOException {
        Result result = run("neuron", "--lecture", "--out", dir.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Compared with the book")
                .containsPattern("quadratic w=2 b=2 η=0.15\\s+150\\s+0\\.933\\s+0\\.933")
                .containsPattern("cross-entropy w=2 b=2 η=0.005\\s+300\\s+0\\.780\\s+0\\.780");
        assertThat(ImageIO.read(dir.resolve("neuron-output.png").toFile())).isNotNull();
        assertThat(ImageIO.read(dir.resolve("neuron-gradient.png").toFile())).isNotNull();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".csv"))).hasSize(8);
        }
        assertThat(result.out()).containsPattern("quadratic \\+ linear w=2 b=2 η=0.15\\s+4\\.000\\s+");
    }

    /** The lecture's second fix on the command line: from (2, 2) the linear output is 4·0.7ᵗ, to the digit. */
    @Test
    void aLinearNeuronFollowsFourTimesPointSevenToTheT(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("linear.csv");
        Result result = run("neuron", "--cost", "quadratic", "--activation", "linear", "--w", "2", "--b", "2",
                "--eta", "0.15", "--epochs", "300", "--csv", csv.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("quadratic + linear w=2 b=2 η=0.15, input 1 → target 0")
                .containsPattern("(?m)^\\s+30\\s+\\S+\\s+\\S+\\s+0\\.0001\\s");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(302);
        for (int t : new int[] {0, 1, 10, 100, 300}) {
            double output = Double.parseDouble(rows.get(t + 1).split(",")[3]);
            assertThat(output).as("epoch %d", t).isCloseTo(4 * Math.pow(0.7, t),
                    org.assertj.core.api.Assertions.within(1e-12 * 4 * Math.pow(0.7, t) + 1e-300));
        }
        Result wrong = run("neuron", "--cost", "cross-entropy", "--activation", "linear");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err().trim()).isEqualTo("losslab: --activation: cross-entropy needs an output in (0, 1); a "
                + "linear output is unbounded: use it with the quadratic cost, or keep the sigmoid");
    }

    @Test
    void aMistypedCommandOrOptionGetsASuggestion() {
        Result command = run("traon");
        assertThat(command.code()).isEqualTo(2);
        assertThat(command.err().lines().findFirst().orElseThrow())
                .isEqualTo("losslab: Unmatched argument at index 0: 'traon'; did you mean 'train'?");
        Result option = run("neuron", "--epoch", "3");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err().lines().findFirst().orElseThrow()).startsWith("losslab: ")
                .contains("'--epoch'").contains("did you mean '--epochs'");
    }

    /** Each command's help says what its options do there. */
    @Test
    void helpTextsAreTrueForTheirCommand() {
        String evaluate = run("evaluate", "--help").out();
        assertThat(evaluate).contains("the one the model was trained on").doesNotContain("(default: mnist)");
        String ui = run("ui", "--help").out();
        assertThat(ui).contains("--ui-host").contains("--ui-port").doesNotContain("--ui-keep")
                .doesNotContainPattern("(?m)^\\s+--ui\\s");
        assertThat(run("train", "--help").out()).contains("--ui-keep").containsPattern("(?m)^\\s+--ui\\s");
        String compare = run("compare", "--help").out();
        assertThat(compare).contains("every combination").contains("--dataset=mnist|fashion-mnist|sample")
                .doesNotContain("Override the spec");
        assertThat(run("search", "--help").out()).containsPattern("search:\\s+the\\s+spec's\\s+maxCandidates");
    }

    @Test
    void completionIsAScriptOfEveryCommandAndOption() {
        Result result = run("completion");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_losslab")
                .contains("lecture").contains("neuron").contains("--activation").contains("--seeds")
                .contains("completion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--eta=-1", "--eta=NaN", "--epochs=-3", "--w=abc", "--cost=softmax", "--cost=mse", "--activation=relu",
            "--every=0", "--bogus", "--out=x"})
    void badOptionsGiveOneLineAndExitTwo(String option) {
        Result result = run("neuron", option);
        assertThat(result.code()).isEqualTo(2);
        String name = option.substring(0, option.indexOf('=') > 0 ? option.indexOf('=') : option.length())
                .replace("--", "");
        assertThat(result.err().lines().findFirst().orElseThrow()).startsWith("losslab: ").contains(name);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void lectureRefusesSingleRunOptions() {
        Result result = run("neuron", "--lecture", "--eta", "0.2");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--eta").contains("--lecture");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Result result = run("-v", "neuron", "--eta=-1");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("losslab: --eta:").contains("SpecException").contains("\tat ");
        run("neuron", "--epochs", "0"); // put the log levels back to quiet for the other tests
    }

    @Test
    void anUnwritableCsvPathIsReportedWithoutAStackTrace(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Result result = run("neuron", "--epochs", "2", "--csv", blocker.resolve("run.csv").toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("losslab: could not write").contains("file").doesNotContain("\tat ");
    }

    /** A normal run in its own JVM prints no ND4J banner or CPU warning; -v shows them. */
    @Test
    void quietByDefaultChattyWithVerbose() throws Exception {
        assertThat(runJvm("neuron", "--epochs", "1")).isEmpty();
        assertThat(runJvm("-v", "neuron", "--epochs", "1")).contains("CpuBackend");
    }

    private static String runJvm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                // The test class path puts logback-test.xml first; the user's run reads logback.xml.
                "-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath(),
                Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        return err;
    }
}

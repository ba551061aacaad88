package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.MainTest.Result;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.Idx;
import org.losslab.data.MnistData;
import org.losslab.data.Split;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingListener;
import org.losslab.preset.NetworkSpec;

/** predict and evaluate on a small model trained once. */
class PredictCommandTest {

    @TempDir
    static Path dir;
    static Path run;
    static Split test;

    @BeforeAll
    static void trainASmallModel() throws IOException {
        DataSpec sample = DataSpec.of(Dataset.SAMPLE).withLimits(3000, 500);
        MnistData data = MnistData.load(sample);
        test = data.test();
        Experiment experiment = Experiment.of(NetworkSpec.defaults().withSeed(5).withEta(0.5)
                .withInit(org.losslab.preset.Initialization.SCALED), sample).withEpochs(3);
        run = Training.run(experiment, data, dir.resolve("run"), TrainingListener.NONE).folder();
    }

    /** Example {@code index} of the test split as a PNG: light on dark (MNIST), or dark on light paper. */
    static Path png(int index, boolean paper, int size) throws IOException {
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = test.pixel(index, y * 28 + x);
                small.getRaster().setSample(x, y, 0, paper ? 255 - v : v);
            }
        }
        BufferedImage image = small;
        if (size != 28) {
            image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            image.createGraphics().drawImage(small, 0, 0, size, size, null);
        }
        Path file = dir.resolve("digit-" + index + (paper ? "-paper" : "") + "-" + size + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void imagesAndIdxRowsGiveTheSameAnswerAndPaperIsInverted() throws IOException {
        Path idx = dir.resolve("three.idx");
        byte[] pixels = new byte[3 * 784];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 784; j++) {
                pixels[i * 784 + j] = (byte) test.pixel(i, j);
            }
        }
        Idx.writeImages(idx, 3, 28, 28, pixels);
        Result result = MainTest.run("predict", "--model", run.toString(), "--json", "--idx", idx.toString(),
                png(0, false, 28).toString(), png(1, true, 28).toString(), png(2, false, 112).toString());
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json).hasSize(6);
        for (int i = 0; i < 3; i++) {
            JsonNode image = json.get(i);
            JsonNode row = json.get(3 + i);
            assertThat(row.get("input").asText()).isEqualTo(idx + "[" + i + "]");
            assertThat(image.get("top")).hasSize(3);
            if (i < 2) {
                // 28×28 PNGs hold exactly the IDX pixels: the same probabilities.
                assertThat(image.get("digit").asInt()).isEqualTo(row.get("digit").asInt());
                assertThat(image.get("top").get(0).get("probability").asDouble())
                        .isCloseTo(row.get("top").get(0).get("probability").asDouble(),
                                org.assertj.core.api.Assertions.within(1e-5));
            }
        }
        assertThat(json.get(0).get("inverted").asBoolean()).isFalse();
        assertThat(json.get(1).get("inverted").asBoolean()).isTrue();
    }

    @Test
    void aTrainedModelReadsMostDigits() throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", "--model", run.toString()));
        for (int i = 0; i < 20; i++) {
            args.add(png(i, i % 2 == 1, 28).toString());
        }
        Result result = MainTest.run(args.toArray(new String[0]));
        assertThat(result.code()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(20);
        int right = 0;
        for (int i = 0; i < 20; i++) {
            assertThat(lines.get(i)).matches(".*digit-" + i + ".*: \\d  \\(\\d \\d+\\.\\d%, \\d \\d+\\.\\d%, \\d \\d+\\.\\d%\\).*");
            if (lines.get(i).contains(": " + test.label(i) + "  (")) {
                right++;
            }
        }
        assertThat(right).as("right answers out of 20").isGreaterThanOrEqualTo(14);
    }

    @Test
    void badInputsAreReportedAndTheOthersStillPredicted() throws IOException {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not a picture");
        Path truncated = dir.resolve("truncated.png");
        byte[] good = Files.readAllBytes(png(3, false, 28));
        Files.write(truncated, java.util.Arrays.copyOf(good, 30));
        Path missing = dir.resolve("missing.png");
        Result result = MainTest.run("predict", "--model", run.toString(), text.toString(), png(4, false, 28).toString(),
                missing.toString(), truncated.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).hasSize(1).first().asString().contains("digit-4");
        assertThat(result.err()).contains("losslab: " + text + ": not an image")
                .contains("losslab: " + missing + ": file not found")
                .contains("losslab: " + truncated + ": not a readable image")
                .doesNotContain("\tat ");
    }

    @Test
    void aModelThatIsNotAModel() throws IOException {
        Path bogus = dir.resolve("bogus.zip");
        Files.writeString(bogus, "zip? no");
        Result result = MainTest.run("predict", "--model", bogus.toString(), png(0, false, 28).toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("losslab: " + bogus + ": not a zip file");
        Result none = MainTest.run("predict", "--model", run.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("give at least one IMAGE or --idx FILE");
    }

    @Test
    void evaluateShowsAccuracyPerClassScoresAndTheConfusionMatrix() {
        Result result = MainTest.run("evaluate", "--model", run.toString(), "--dataset", "sample", "--test-limit",
                "500");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("accuracy \\d+\\.\\d\\d%")
                .containsPattern("digit precision  recall      F1  count")
                .contains("confusion matrix (rows: actual digit, columns: predicted)")
                .contains("not comparable with full-MNIST results");
        // The confusion matrix rows add up to the test split's label counts.
        List<String> rows = result.out().lines().dropWhile(l -> !l.startsWith("confusion")).skip(2).limit(10).toList();
        int[] histogram = test.histogram();
        for (int digit = 0; digit < 10; digit++) {
            String[] cells = rows.get(digit).trim().split("\\s+");
            int sum = 0;
            for (int c = 1; c < cells.length; c++) {
                sum += Integer.parseInt(cells[c]);
            }
            assertThat(sum).as("row %d", digit).isEqualTo(histogram[digit]);
        }
        // without --dataset, the model's own data set (the sample here), from the run record in its zip
        Result own = MainTest.run("evaluate", "--model", run.toString(), "--test-limit", "500");
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(own.out()).contains(" on sample test (500 examples").isEqualTo(result.out());
                Result wrong = MainTest.run("evaluate", "--model", run.toString(), "--dataset", "sample", "--split", "train");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("--split");
    }
}

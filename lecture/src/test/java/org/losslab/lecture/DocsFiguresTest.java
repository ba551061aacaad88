package org.losslab.lecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lecture figures README.md and docs/benchmarks.md quote are the ones in docs/figures/, to the digit: every figure
 * block of the docs is what its figures file gives. (LectureTest checks the tiny profile's file against what the code
 * produces now; bench/figures.sh rewrites the full profile's.)
 */
class DocsFiguresTest {

    static final Path ROOT = Path.of("..");
    static final Path FIGURES = ROOT.resolve("docs/figures");

    @Test
    void everyQuotedFigureBlockIsItsFiguresFile() throws Exception {
        for (Path document : List.of(ROOT.resolve("README.md"), ROOT.resolve("docs/benchmarks.md"))) {
            String text = Files.readString(document);
            for (String name : LectureFigures.blocks(text)) {
                assertThat(LectureFigures.block(text, name)).as("%s, block %s: run bench/figures.sh", document, name)
                        .isEqualTo(LectureFigures.read(FIGURES.resolve(name + ".json")).markdown());
            }
        }
        assertThat(LectureFigures.blocks(Files.readString(ROOT.resolve("README.md")))).contains("lecture-full");
        assertThat(LectureFigures.blocks(Files.readString(ROOT.resolve("docs/benchmarks.md"))))
                .contains("lecture-full", "lecture-tiny");
    }

    /**
     * The README shows one chart of the lecture: the neuron's, a PNG of the size LossLab draws it, with the command
     * that makes it.
     */
    @Test
    void theReadmeShowsTheLecturesNeuronChart() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        java.util.regex.Matcher image = java.util.regex.Pattern.compile("!\\[[^\\]]+\\]\\(([^)]+\\.png)\\)")
                .matcher(readme);
        assertThat(image.find()).as("an image in README.md").isTrue();
        assertThat(image.group(1)).isEqualTo("docs/images/" + org.losslab.experiment.NeuronReports.OUTPUT_CHART);
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(ROOT.resolve(image.group(1)).toFile());
        assertThat(png).as("a PNG").isNotNull();
        assertThat(png.getWidth() + "x" + png.getHeight()).as("the two panels LossLab draws").isEqualTo("1100x1120");
        assertThat(readme.substring(image.end(), image.end() + 400)).contains("./losslab neuron --lecture --out DIR");
    }

    @Test
    void aBlockIsRewrittenFromItsFileAndNothingElseMoves(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        LectureFigures figures = LectureFigures.read(FIGURES.resolve("lecture-tiny.json"));
        figures.write(dir.resolve("x.json"));
        Path doc = dir.resolve("doc.md");
        Files.writeString(doc, "before\n<!-- figures:x -->\nstale | table\n<!-- /figures -->\nafter\n");
        LectureFigures.rewriteBlocks(dir, List.of(doc));
        assertThat(Files.readString(doc)).isEqualTo("before\n<!-- figures:x -->\n" + figures.markdown()
                + "<!-- /figures -->\nafter\n");
    }
}

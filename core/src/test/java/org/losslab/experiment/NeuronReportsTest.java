package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.preset.Preset;

class NeuronReportsTest {

    private static final NeuronRun RUN = NeuronExperiment.run(
            NeuronSpec.lecture(Preset.CROSS_ENTROPY_SIGMOID, 2, 2, 0.15, 3));

    @Test
    void csvHasTheHeaderAndOneRowPerEpochThatParsesBack(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("run.csv");
        NeuronReports.writeCsv(RUN, csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("epoch,w,b,output,cost,dC_dw,dC_db");
        assertThat(lines).hasSize(5);
        for (int epoch = 0; epoch <= 3; epoch++) {
            String[] cells = lines.get(epoch + 1).split(",");
            assertThat(cells).hasSize(7);
            assertThat(Integer.parseInt(cells[0])).isEqualTo(epoch);
            assertThat(Double.parseDouble(cells[1])).isEqualTo(RUN.at(epoch).w());
            assertThat(Double.parseDouble(cells[3])).isEqualTo(RUN.at(epoch).output());
            assertThat(Double.parseDouble(cells[6])).isEqualTo(RUN.at(epoch).dCdb());
        }
    }

    @Test
    void chartsArePngImages(@TempDir Path dir) throws IOException {
        Path outputs = dir.resolve("out.png");
        Path gradients = dir.resolve("grad.png");
        NeuronReports.neuronOutputs(outputs, List.of(RUN));
        NeuronReports.neuronGradients(gradients, List.of(RUN));
        for (Path png : List.of(outputs, gradients)) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1100);
            assertThat(image.getHeight()).isEqualTo(560);
        }
    }

    @Test
    void aLinearOutputGetsItsOwnPanelAndItsCsvItsName(@TempDir Path dir) throws IOException {
        NeuronRun linear = NeuronExperiment.run(NeuronSpec.lecture(Preset.QUADRATIC_SIGMOID, NeuronActivation.LINEAR,
                2, 2, 0.15, 3));
        NeuronReports.writeAll(dir, List.of(RUN, linear));
        // the sigmoid's (0, 1) above, the linear output's 0..4 below: twice the height of one chart
        assertThat(ImageIO.read(dir.resolve(NeuronReports.OUTPUT_CHART).toFile()).getHeight()).isEqualTo(2 * 560);
        assertThat(ImageIO.read(dir.resolve(NeuronReports.GRADIENT_CHART).toFile()).getHeight()).isEqualTo(560);
        List<String> rows = Files.readAllLines(dir.resolve("quadratic_linear_w=2_b=2_eta=0.15.csv"));
        assertThat(Double.parseDouble(rows.get(3).split(",")[3])).isCloseTo(4 * 0.49, org.assertj.core.api.Assertions
                .within(1e-12));
    }
}

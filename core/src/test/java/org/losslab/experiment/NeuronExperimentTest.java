package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.losslab.preset.Preset;

class NeuronExperimentTest {

    private static List<NeuronRun> lecture;

    @BeforeAll
    static void runLecture() {
        lecture = NeuronLecture.run();
    }

    private static NeuronRun run(Preset preset, double w, double b, double eta) {
        return lecture.stream().filter(r -> r.spec().preset() == preset
                && r.spec().activation() == NeuronActivation.SIGMOID && r.spec().w() == w && r.spec().b() == b
                && r.spec().eta() == eta).findFirst().orElseThrow();
    }

    @Test
    void reproducesTheBooksQuadraticRuns() {
        NeuronRun good = run(Preset.QUADRATIC_SIGMOID, 0.6, 0.9, 0.15);
        assertThat(good.at(0).output()).isCloseTo(0.818, within(0.002));
        assertThat(good.at(300).output()).isCloseTo(0.094, within(0.002));
        NeuronRun saturated = run(Preset.QUADRATIC_SIGMOID, 2, 2, 0.15);
        assertThat(saturated.at(0).output()).isCloseTo(0.982, within(0.002));
        assertThat(saturated.at(150).output()).isCloseTo(0.933, within(0.002));
        assertThat(saturated.at(300).output()).isCloseTo(0.203, within(0.002));
    }

    @Test
    void reproducesTheBooksCrossEntropyRuns() {
        assertThat(run(Preset.CROSS_ENTROPY_SIGMOID, 0.6, 0.9, 0.005).at(300).output()).isCloseTo(0.418,
                within(0.002));
        assertThat(run(Preset.CROSS_ENTROPY_SIGMOID, 2, 2, 0.005).at(300).output()).isCloseTo(0.780,
                within(0.002));
        assertThat(run(Preset.CROSS_ENTROPY_SIGMOID, 2, 2, 0.15).at(50).output()).isCloseTo(0.099,
                within(0.002));
    }

    @Test
    void everyBookFigureMatchesItsRun() {
        for (NeuronLecture.BookFigure figure : NeuronLecture.bookFigures()) {
            NeuronRun run = lecture.stream().filter(r -> r.label().equals(figure.run())).findFirst().orElseThrow();
            assertThat(run.at(figure.epoch()).output()).as(figure.toString())
                    .isCloseTo(figure.output(), within(0.002));
        }
    }

    @Test
    void saturatedQuadraticStartHasATinyGradientThatCrossEntropyDoesNot() {
        double quadratic = Math.abs(run(Preset.QUADRATIC_SIGMOID, 2, 2, 0.15).at(0).dCdw());
        double crossEntropy = Math.abs(run(Preset.CROSS_ENTROPY_SIGMOID, 2, 2, 0.15).at(0).dCdw());
        // a = σ(4): quadratic a·σ′(4) ≈ 0.0173, cross-entropy a ≈ 0.982.
        assertThat(quadratic).isCloseTo(0.0173, within(0.0005));
        assertThat(crossEntropy).isCloseTo(0.982, within(0.001));
    }

    /** Every recorded epoch obeys the lecture's formulas, and the next epoch is one SGD step on from it. */
    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"QUADRATIC_SIGMOID", "CROSS_ENTROPY_SIGMOID"})
    void everyEpochFollowsTheLecturesGradient(Preset preset) {
        double x = 1.0;
        double y = 0.0;
        for (NeuronRun run : lecture.stream().filter(r -> r.spec().preset() == preset
                && r.spec().activation() == NeuronActivation.SIGMOID).toList()) {
            double eta = run.spec().eta();
            for (NeuronStep s : run.steps()) {
                double a = 1 / (1 + Math.exp(-(s.w() * x + s.b())));
                double cost = preset == Preset.QUADRATIC_SIGMOID ? 0.5 * (a - y) * (a - y)
                        : -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
                double dCdb = preset == Preset.QUADRATIC_SIGMOID ? (a - y) * a * (1 - a) : a - y;
                assertThat(s.output()).isCloseTo(a, within(1e-12));
                assertThat(s.cost()).isCloseTo(cost, within(1e-9));
                assertThat(s.dCdb()).isCloseTo(dCdb, within(1e-12));
                assertThat(s.dCdw()).isCloseTo(dCdb * x, within(1e-12));
                if (s.epoch() < run.last().epoch()) {
                    NeuronStep next = run.at(s.epoch() + 1);
                    assertThat(next.w()).isCloseTo(s.w() - eta * s.dCdw(), within(1e-12));
                    assertThat(next.b()).isCloseTo(s.b() - eta * s.dCdb(), within(1e-12));
                }
            }
        }
    }

    @Test
    void epochZeroIsTheStartAndThereIsOneRowPerEpoch() {
        NeuronRun run = NeuronExperiment.run(NeuronSpec.lecture(Preset.QUADRATIC_SIGMOID, 0.6, 0.9, 0.15, 4));
        assertThat(run.steps()).hasSize(5);
        assertThat(run.at(0).w()).isEqualTo(0.6);
        assertThat(run.at(0).b()).isEqualTo(0.9);
        assertThat(run.steps()).extracting(NeuronStep::epoch).containsExactly(0, 1, 2, 3, 4);
        assertThat(run.label()).isEqualTo("quadratic w=0.6 b=0.9 η=0.15");
        assertThatThrownBy(() -> run.at(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..4");
    }

    @Test
    void invalidSpecsNameTheirField() {
        assertThatThrownBy(() -> NeuronSpec.lecture(Preset.SOFTMAX_LOG_LIKELIHOOD, 0.6, 0.9, 0.15, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cost");
        assertThatThrownBy(() -> NeuronSpec.lecture(Preset.QUADRATIC_SIGMOID, Double.NaN, 0.9, 0.15, 10))
                .hasMessageContaining("w:").hasMessageContaining("NaN");
        assertThatThrownBy(() -> NeuronSpec.lecture(Preset.QUADRATIC_SIGMOID, 0.6, 0.9, 0, 10))
                .hasMessageContaining("eta:");
        assertThatThrownBy(() -> NeuronSpec.lecture(Preset.QUADRATIC_SIGMOID, 0.6, 0.9, 0.1, -1))
                .hasMessageContaining("epochs:").hasMessageContaining("-1");
        assertThatThrownBy(() -> new NeuronSpec(Preset.QUADRATIC_SIGMOID, NeuronActivation.SIGMOID, 0.6, 0.9, 0.1,
                1, 1, 2)).hasMessageContaining("target:");
        assertThatThrownBy(() -> NeuronSpec.lecture(Preset.CROSS_ENTROPY_SIGMOID, NeuronActivation.LINEAR, 2, 2, 0.15,
                10)).hasMessage("activation: cross-entropy needs an output in (0, 1); a linear output is unbounded: "
                + "use it with the quadratic cost, or keep the sigmoid");
        // a linear output may aim anywhere
        assertThat(new NeuronSpec(Preset.QUADRATIC_SIGMOID, NeuronActivation.LINEAR, 0.6, 0.9, 0.1, 1, 1, 2).target())
                .isEqualTo(2);
    }

    /**
     * The lecture's second fix: a linear output under the quadratic cost has ∂C/∂w = a·x = a (x = 1, y = 0), so each
     * step multiplies a = w + b by 1 − 2η = 0.7: from (2, 2) the output is exactly 4·0.7ᵗ.
     */
    @Test
    void theLinearNeuronFollowsItsClosedForm() {
        NeuronRun saturatedStart = lecture.stream().filter(r -> r.spec().activation() == NeuronActivation.LINEAR
                && r.spec().w() == 2).findFirst().orElseThrow();
        assertThat(saturatedStart.label()).isEqualTo("quadratic + linear w=2 b=2 η=0.15");
        assertThat(saturatedStart.steps()).hasSize(NeuronLecture.EPOCHS + 1);
        for (NeuronStep s : saturatedStart.steps()) {
            double a = 4 * Math.pow(0.7, s.epoch());
            assertThat(s.output()).isCloseTo(a, within(1e-12 * Math.max(1, a)));
            assertThat(s.dCdw()).isCloseTo(a, within(1e-12));
            assertThat(s.dCdb()).isCloseTo(a, within(1e-12));
            assertThat(s.cost()).isCloseTo(0.5 * a * a, within(1e-11));
            assertThat(s.w()).isCloseTo(2 - 0.15 * 4 * (1 - Math.pow(0.7, s.epoch())) / 0.3, within(1e-12));
        }
        // from the start where the sigmoid crawls, the linear neuron is 99% of the way after 13 epochs
        NeuronRun sigmoid = run(Preset.QUADRATIC_SIGMOID, 2, 2, 0.15);
        assertThat(saturatedStart.at(13).output()).isLessThan(0.04);
        assertThat(sigmoid.at(13).output()).isGreaterThan(0.97);
        assertThat(Math.abs(saturatedStart.at(0).dCdw()) / Math.abs(sigmoid.at(0).dCdw())).isGreaterThan(200);

        NeuronRun goodStart = lecture.stream().filter(r -> r.spec().activation() == NeuronActivation.LINEAR
                && r.spec().w() == 0.6).findFirst().orElseThrow();
        assertThat(goodStart.at(10).output()).isCloseTo(1.5 * Math.pow(0.7, 10), within(1e-12));
    }
}

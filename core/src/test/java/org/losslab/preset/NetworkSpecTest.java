package org.losslab.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

class NetworkSpecTest {

    private static final NetworkSpec DEFAULTS = NetworkSpec.defaults();

    @Test
    void defaultsAreTheBooksNetwork() {
        assertThat(DEFAULTS.inputs()).isEqualTo(784);
        assertThat(DEFAULTS.hidden()).containsExactly(30);
        assertThat(DEFAULTS.outputs()).isEqualTo(10);
        assertThat(DEFAULTS.preset()).isEqualTo(Preset.CROSS_ENTROPY_SIGMOID);
        assertThat(DEFAULTS.eta()).isEqualTo(0.5);
        assertThat(DEFAULTS.lambda()).isZero();
    }

    @Test
    void l2CoefficientIsLambdaOverN() {
        assertThat(DEFAULTS.withL2(5.0, 50_000).l2Coefficient()).isEqualTo(1e-4);
    }

    @Test
    void hiddenSizesAreCopied() {
        List<Integer> sizes = new java.util.ArrayList<>(List.of(30));
        NetworkSpec spec = DEFAULTS.withLayers(784, sizes, 10);
        sizes.add(7);
        assertThat(spec.hidden()).containsExactly(30);
    }

    static void rejects(Supplier<NetworkSpec> spec, String... fragments) {
        var thrown = assertThatThrownBy(spec::get).isInstanceOf(IllegalArgumentException.class);
        Arrays.stream(fragments).forEach(thrown::hasMessageContaining);
    }

    @Test
    void invalidFieldsAreNamedWithTheirValues() {
        rejects(() -> DEFAULTS.withHidden(), "hidden", "[]");
        rejects(() -> DEFAULTS.withHidden(30, 0), "hidden", "[30, 0]");
        rejects(() -> DEFAULTS.withHidden(-5), "hidden", "-5");
        rejects(() -> DEFAULTS.withLayers(0, List.of(30), 10), "inputs", "0");
        rejects(() -> DEFAULTS.withLayers(784, List.of(30), -1), "outputs", "-1");
        rejects(() -> DEFAULTS.withEta(0), "eta", "0.0");
        rejects(() -> DEFAULTS.withEta(-0.5), "eta", "-0.5");
        rejects(() -> DEFAULTS.withEta(Double.NaN), "eta", "NaN");
        rejects(() -> DEFAULTS.withEta(Double.POSITIVE_INFINITY), "eta", "Infinity");
        rejects(() -> DEFAULTS.withL2(-1, 100), "lambda", "-1.0");
        rejects(() -> DEFAULTS.withL2(Double.NaN, 100), "lambda", "NaN");
        rejects(() -> DEFAULTS.withL2(1, 0), "trainingSetSize", "0");
        rejects(() -> DEFAULTS.withPreset(null), "preset", "must be given");
        rejects(() -> DEFAULTS.withActivation(null), "activation", "must be given");
        rejects(() -> DEFAULTS.withInit(null), "init", "must be given");
        rejects(() -> DEFAULTS.withDataType(DataType.HALF), "dataType", "HALF");
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void presetNamesParseInEitherSpelling(Preset preset) {
        assertThat(Preset.parse(preset.id())).isEqualTo(preset);
        assertThat(Preset.parse(preset.name())).isEqualTo(preset);
        assertThat(Preset.parse(" " + preset.id().toUpperCase() + " ")).isEqualTo(preset);
    }

    @Test
    void unknownNamesAreRejectedWithTheChoices() {
        rejects(() -> DEFAULTS.withPreset(Preset.parse("mse")), "preset", "'mse'", "quadratic-sigmoid",
                "cross-entropy-sigmoid", "softmax-log-likelihood");
        rejects(() -> DEFAULTS.withActivation(HiddenActivation.parse("gelu")), "activation", "'gelu'",
                "sigmoid, tanh, relu, swish");
        rejects(() -> DEFAULTS.withInit(Initialization.parse("")), "init", "no value");
        assertThat(HiddenActivation.parse("ReLU")).isEqualTo(HiddenActivation.RELU);
        assertThat(Initialization.parse("scaled")).isEqualTo(Initialization.SCALED);
    }
}

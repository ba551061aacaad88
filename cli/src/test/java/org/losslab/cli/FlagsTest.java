package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.cli.MainTest.Result;

/** The library names a spec's field; the command line names its option, in one line, exit code 2. */
class FlagsTest {

    @Test
    void aFieldIsItsOptionInKebabCaseUnlessTheOptionHasAnotherName() {
        assertThat(Flags.option("trainLimit")).isEqualTo("--train-limit");
        assertThat(Flags.option("maxCandidates")).isEqualTo("--max-candidates");
        assertThat(Flags.option("epochs")).isEqualTo("--epochs");
        assertThat(Flags.option("batchSize")).isEqualTo("--batch");
        assertThat(Flags.option("activations")).isEqualTo("--activation");
        assertThat(Flags.option("port")).isEqualTo("--ui-port");
    }

    @Test
    void badValuesAreNamedByTheOptionTheUserTyped(@TempDir Path dir) {
        Result limit = MainTest.run("train", "--dataset", "sample", "--train-limit", "-1", "--models",
                dir.toString());
        assertThat(limit.code()).isEqualTo(2);
        assertThat(limit.err()).isEqualTo("losslab: --train-limit: must be >= 0 (0 = all), got -1\n");

        Result preset = MainTest.run("compare", "--presets", "mse", "--dataset", "sample", "--models",
                dir.toString());
        assertThat(preset.code()).isEqualTo(2);
        assertThat(preset.err()).startsWith("losslab: --presets: unknown value 'mse'; expected one of ");

        Result name = MainTest.run("lecture", "--name", "../up", "--dataset", "sample", "--models", dir.toString());
        assertThat(name.code()).isEqualTo(2);
        assertThat(name.err()).startsWith("losslab: --name: letters, digits");
    }

    @Test
    void theUiServersHostAndPortAreNamedAsTheUiOptions() {
        assertThat(Flags.message(new org.losslab.io.SpecException("port", "must be 0 to 65535, got 70000")))
                .isEqualTo("--ui-port: must be 0 to 65535, got 70000");
        assertThat(Flags.message(new org.losslab.ui.UiException("port 9000: already in use on 127.0.0.1", null)))
                .isEqualTo("--ui-port 9000: already in use on 127.0.0.1");
        assertThat(Flags.message(new org.losslab.ui.UiException("host 10.0.0.1, port 80: cannot listen there", null)))
                .isEqualTo("--ui-host 10.0.0.1, --ui-port 80: cannot listen there");
        assertThat(Flags.message(new org.losslab.data.DataException("dataDir", "the data folder /x: no such folder")))
                .isEqualTo("--data-dir /x: no such folder");
    }
}

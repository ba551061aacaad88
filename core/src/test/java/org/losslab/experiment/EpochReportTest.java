package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An epoch's record for the browser UI: its bytes round-trip, and bytes that are not one are refused. */
class EpochReportTest {

    @Test
    void roundTripsThroughItsBytesAndKeepsADivergedEpochsNaN() {
        EpochMetrics metrics = new EpochMetrics(3, 0.25, 0.3, 0.9123, 1.5, List.of(0.1, 0.2), List.of(), List.of());
        EpochReport report = new EpochReport("run-1", "losslab", 1_700_000_000_123L, metrics);
        EpochReport read = new EpochReport();
        read.decode(report.encode());
        assertThat(read.getSessionID()).isEqualTo("run-1");
        assertThat(read.getWorkerID()).isEqualTo("losslab");
        assertThat(read.getTypeID()).isEqualTo(EpochReport.TYPE_ID);
        assertThat(read.getTimeStamp()).isEqualTo(1_700_000_000_123L);
        assertThat(read.epoch()).isEqualTo(3);
        assertThat(read.validationAccuracy()).isEqualTo(0.9123);
        assertThat(read.validationCost()).isEqualTo(0.3);
        assertThat(read.trainCost()).isEqualTo(0.25);
        assertThat(report.encodingLengthBytes()).isEqualTo(report.encode().length);

        EpochReport diverged = new EpochReport("run-1", "losslab", 1, new EpochMetrics(4, Double.NaN, Double.NaN,
                Double.NaN, 1, List.of(), List.of(), List.of()));
        EpochReport back = new EpochReport();
        back.decode(java.nio.ByteBuffer.wrap(diverged.encode()));
        assertThat(back.validationAccuracy()).isNaN();
        assertThat(back.epoch()).isEqualTo(4);
    }

    @Test
    void refusesBytesThatAreNoEpochRecord() {
        assertThatThrownBy(() -> new EpochReport().decode("{\"session\": \"s\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without its epoch");
        assertThatThrownBy(() -> new EpochReport().decode("rO0ABXNy".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> new EpochReport().decode(new byte[EpochReport.MAX_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }
}

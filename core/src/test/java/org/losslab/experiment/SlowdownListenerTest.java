package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SlowdownListenerTest {

    @Test
    void sumAbsReadsAGradientViewInPlaceAndAnythingElseToo() {
        INDArray flat = Nd4j.createFromArray(new float[] {9, -1, 2, -3, 4, -5, 6, 9});
        INDArray view = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 7)).reshape('f', 2, 3);
        assertThat(SlowdownListener.sumAbs(view)).isEqualTo(21);
        INDArray column = Nd4j.createFromArray(new float[][] {{1, -2}, {-3, 4}, {5, -6}}).getColumn(1);
        assertThat(SlowdownListener.sumAbs(column)).isEqualTo(12);
    }
}

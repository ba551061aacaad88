package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The cached path and the DataVec path give the same shuffled mini-batches for the same seed. */
class BatchesTest {

    private static Split split;

    @BeforeAll
    static void load() {
        split = MnistData.load(DataSpec.of(Dataset.SAMPLE).withLimits(103, 0)).train();
    }

    private static List<DataSet> epoch(DataSetIterator iterator) {
        List<DataSet> batches = new ArrayList<>();
        while (iterator.hasNext()) {
            batches.add(iterator.next());
        }
        return batches;
    }

    @Test
    void dataVecAndCachedPathsGiveIdenticalBatchesEpochAfterEpoch() {
        DataSetIterator cached = new MiniBatches(split, 10, 42, true);
        DataSetIterator dataVec = IdxRecordReader.iterator(split, 10, 42, true);
        List<List<DataSet>> epochs = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            List<DataSet> fromCache = epoch(cached);
            List<DataSet> fromDataVec = epoch(dataVec);
            assertThat(fromCache).hasSize(11);
            assertThat(fromCache.get(10).numExamples()).isEqualTo(3);
            assertThat(fromDataVec).hasSize(11);
            for (int b = 0; b < fromCache.size(); b++) {
                assertThat(fromDataVec.get(b).getFeatures()).as("epoch %d batch %d features", epoch, b)
                        .isEqualTo(fromCache.get(b).getFeatures());
                assertThat(fromDataVec.get(b).getLabels()).as("epoch %d batch %d labels", epoch, b)
                        .isEqualTo(fromCache.get(b).getLabels());
            }
            epochs.add(fromCache);
            cached.reset();
            dataVec.reset();
        }
        assertThat(epochs.get(1).get(0).getFeatures()).as("each epoch has its own order")
                .isNotEqualTo(epochs.get(0).get(0).getFeatures());
    }

    @Test
    void reusedBuffersGiveTheSameBatchesAndDeclinePrefetching() {
        DataSetIterator fresh = new MiniBatches(split, 10, 3, true);
        DataSetIterator reusedCache = new MiniBatches(split, 10, 3, true).reusingBuffers();
        DataSetIterator reusedDataVec = IdxRecordReader.reusingIterator(split, 10, 3, true);
        assertThat(reusedCache.asyncSupported()).isFalse();
        assertThat(reusedDataVec.asyncSupported()).isFalse();
        for (int epoch = 0; epoch < 2; epoch++) {
            INDArray previous = null;
            while (fresh.hasNext()) {
                DataSet expected = fresh.next();
                DataSet cached = reusedCache.next();
                DataSet dataVec = reusedDataVec.next();
                assertThat(cached.getFeatures()).isEqualTo(expected.getFeatures());
                assertThat(cached.getLabels()).isEqualTo(expected.getLabels());
                assertThat(dataVec.getFeatures()).isEqualTo(expected.getFeatures());
                assertThat(dataVec.getLabels()).isEqualTo(expected.getLabels());
                if (previous != null && cached.numExamples() == 10) {
                    assertThat(cached.getFeatures()).as("the same array, refilled").isSameAs(previous);
                }
                previous = cached.getFeatures();
            }
            assertThat(reusedCache.hasNext()).isFalse();
            assertThat(reusedDataVec.hasNext()).isFalse();
            fresh.reset();
            reusedCache.reset();
            reusedDataVec.reset();
        }
    }

    @Test
    void anEpochVisitsEveryExampleOnceScaledAndOneHot() {
        MiniBatches batches = new MiniBatches(split, 16, 7, true);
        Set<Integer> seen = new HashSet<>();
        int[] firstPixels = new int[split.count()];
        for (int i = 0; i < split.count(); i++) {
            firstPixels[i] = i;
        }
        int examples = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray features = batch.getFeatures();
            assertThat(features.dataType()).isEqualTo(DataType.FLOAT);
            assertThat(features.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(features.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
            assertThat(batch.getLabels().sum(1).toDoubleVector()).containsOnly(1.0);
            for (int row = 0; row < batch.numExamples(); row++) {
                seen.add(find(features.getRow(row)));
            }
            examples += batch.numExamples();
        }
        assertThat(examples).isEqualTo(split.count());
        assertThat(seen).hasSize(split.count());
    }

    @Test
    void sameSeedSameOrderOtherSeedOtherOrder() {
        assertThat(Shuffle.permutation(1000, 5, 2)).isEqualTo(Shuffle.permutation(1000, 5, 2));
        assertThat(Shuffle.permutation(1000, 5, 2)).isNotEqualTo(Shuffle.permutation(1000, 6, 2));
        assertThat(Shuffle.permutation(1000, 5, 2)).isNotEqualTo(Shuffle.permutation(1000, 5, 3));
        assertThat(Shuffle.permutation(1000, 5, 2)).containsExactlyInAnyOrder(
                java.util.stream.IntStream.range(0, 1000).boxed().toArray(Integer[]::new));
    }

    @Test
    void withoutShufflingTheSplitsOwnOrderWithExactPixelValues() {
        DataSet first = new MiniBatches(split, 5, 1, false).next();
        for (int row = 0; row < 5; row++) {
            for (int j = 0; j < 784; j += 97) {
                assertThat(first.getFeatures().getFloat(row, j)).isEqualTo(split.pixel(row, j) / 255f);
            }
            assertThat(first.getLabels().getFloat(row, split.label(row))).isEqualTo(1f);
        }
    }

    /** The index of the example whose pixels equal the row. */
    private static int find(INDArray row) {
        for (int i = 0; i < split.count(); i++) {
            boolean same = true;
            for (int j = 0; j < 784 && same; j++) {
                same = row.getFloat(j) == split.pixel(i, j) / 255f;
            }
            if (same) {
                return i;
            }
        }
        throw new AssertionError("row matches no example");
    }
}

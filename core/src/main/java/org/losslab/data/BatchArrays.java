package org.losslab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two float arrays of a mini-batch, [rows, 784] features and [rows, 10] labels: new ones for every batch, or,
 * when reusing, the same ones again (one pair for full batches, one for the shorter last batch of an epoch).
 */
final class BatchArrays {

    private final boolean reuse;
    private INDArray[] full;
    private INDArray[] last;

    BatchArrays(boolean reuse) {
        this.reuse = reuse;
    }

    /** Arrays for a batch of {@code rows}, where a full batch has {@code batchSize} rows; contents undefined. */
    INDArray[] get(int rows, int batchSize) {
        if (!reuse) {
            return allocate(rows);
        }
        if (rows == batchSize) {
            if (full == null || full[0].size(0) != rows) {
                full = allocate(rows);
            }
            return full;
        }
        if (last == null || last[0].size(0) != rows) {
            last = allocate(rows);
        }
        return last;
    }

    private static INDArray[] allocate(int rows) {
        return new INDArray[] {Nd4j.createUninitialized(DataType.FLOAT, rows, Idx.SIDE * Idx.SIDE),
                Nd4j.createUninitialized(DataType.FLOAT, rows, Idx.CLASSES)};
    }
}

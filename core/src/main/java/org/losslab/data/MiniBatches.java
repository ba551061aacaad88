package org.losslab.data;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The fast path: shuffled mini-batches cut from a split's in-memory arrays. Every {@link #reset()} starts the next
 * epoch in a new order ({@link Shuffle#permutation}); the same seed gives the same batches as
 * {@link IdxRecordReader} through DataVec.
 */
public final class MiniBatches implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient Split split;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private transient BatchArrays arrays = new BatchArrays(false);
    private int epoch;
    private int[] order;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    /**
     * @param split     the examples
     * @param batchSize examples per batch (the last batch of an epoch may be smaller)
     * @param seed      seed of the per-epoch order
     * @param shuffle   false: the split's own order every epoch
     */
    public MiniBatches(Split split, int batchSize, long seed, boolean shuffle) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch: must be > 0, got " + batchSize);
        }
        this.split = split;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        startEpoch(0);
    }

    /**
     * Fills the same two arrays for every batch instead of allocating new ones: ND4J allocation costs tens of
     * microseconds, as much as the data itself. Only for a loop that is done with a batch before it asks for the
     * next one (LossLab's training loop); a batch kept longer changes under its holder.
     *
     * @return this iterator
     */
    public MiniBatches reusingBuffers() {
        this.arrays = new BatchArrays(true);
        return this;
    }

    /**
     * Starts at epoch {@code epoch} (0-based) instead of 0, as a resumed run does.
     *
     * @return this iterator
     * @param epoch the epoch to start at, from 0
     */
    public MiniBatches startingAt(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch: must be >= 0, got " + epoch);
        }
        startEpoch(epoch);
        return this;
    }

    private void startEpoch(int number) {
        epoch = number;
        cursor = 0;
        order = shuffle ? Shuffle.permutation(split.count(), seed, epoch) : null;
    }

    /** {@return the epoch being iterated, from 0} */
    public int epoch() {
        return epoch;
    }

    @Override
    public boolean hasNext() {
        return cursor < split.count();
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " of " + split + " is finished; call reset()");
        }
        int end = Math.min(cursor + num, split.count());
        DataSet all = split.arrays();
        INDArray[] target = arrays.get(end - cursor, batchSize);
        DataSet batch = new DataSet(target[0], target[1]);
        int[] rows = new int[end - cursor];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = order == null ? cursor + i : order[cursor + i];
        }
        copyRows(all.getFeatures(), rows, batch.getFeatures());
        copyRows(all.getLabels(), rows, batch.getLabels());
        cursor = end;
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** Copies the given rows of a [n, width] float array into {@code target}, row after row. */
    private static void copyRows(INDArray source, int[] rows, INDArray target) {
        int width = (int) source.size(1);
        FloatBuffer from = source.data().asNioFloat();
        FloatBuffer to = target.data().asNioFloat();
        float[] row = new float[width];
        for (int r : rows) {
            from.get(r * width, row);
            to.put(row);
        }
    }

    @Override
    public int inputColumns() {
        return Idx.SIDE * Idx.SIDE;
    }

    @Override
    public int totalOutcomes() {
        return Idx.CLASSES;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /**
     * No prefetching thread: a batch is two small copies from memory, and on two cores a prefetch thread competes
     * with training for a core (docs/benchmarks.md).
     */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /**
     * After a finished epoch: starts the next one, in a new order when shuffling. In the middle of an epoch:
     * rewinds it to its start, in the same order (DataVec's iterator peeks at one record and rewinds).
     */
    @Override
    public void reset() {
        startEpoch(cursor >= split.count() ? epoch + 1 : epoch);
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }
}

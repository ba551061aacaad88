package org.losslab.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.api.writable.batch.NDArrayRecordBatch;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * A DataVec {@code RecordReader} over MNIST-format IDX data. Each record is {@code [pixels, label]}: an
 * {@link NDArrayWritable} of 784 raw pixel values 0–255 and an {@link IntWritable} label. It reads whole
 * mini-batches ({@link #batchesSupported()}), as DataVec's image readers do, and visits the examples in the order
 * of {@link Shuffle#permutation} for each epoch; {@link #reset()} starts the next epoch.
 *
 * <p>{@link #iterator(Split, int, long, boolean)} wires it into DataVec's {@code RecordReaderDataSetIterator} with
 * pixels scaled to [0, 1] ({@code ImagePreProcessingScaler}) and one-hot labels.
 */
public final class IdxRecordReader extends BaseRecordReader {

    private static final long serialVersionUID = 1L;

    private transient Split split;
    private long seed;
    private boolean shuffle;
    private int epoch;
    private int[] order;
    private int cursor;
    private transient BatchArrays arrays = new BatchArrays(false);

    /**
     * A reader to be given its data by {@link #initialize(InputSplit)}: the images file, then the labels file.
     *
     * @param seed the seed
     * @param shuffle whether to shuffle every epoch
     */
    public IdxRecordReader(long seed, boolean shuffle) {
        this.seed = seed;
        this.shuffle = shuffle;
    }

    /**
     * A reader over a split already in memory.
     *
     * @param split the split
     * @param seed the seed
     * @param shuffle whether to shuffle every epoch
     */
    public IdxRecordReader(Split split, long seed, boolean shuffle) {
        this(seed, shuffle);
        this.split = split;
        startEpoch(0);
    }

    /**
     * DataVec's {@code RecordReaderDataSetIterator} over a split: batches of {@code batchSize}, features scaled to
     * [0, 1], one-hot labels over 10 classes.
     *
     * @param split the split
     * @param batchSize examples per mini-batch
     * @param seed the seed
     * @param shuffle whether to shuffle every epoch
     * @return DL4J's iterator over the split's mini-batches
     */
    public static DataSetIterator iterator(Split split, int batchSize, long seed, boolean shuffle) {
        RecordReaderDataSetIterator iterator = new RecordReaderDataSetIterator(
                new IdxRecordReader(split, seed, shuffle), batchSize, 1, Idx.CLASSES);
        iterator.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        return iterator;
    }

    /**
     * As {@link #iterator(Split, int, long, boolean)}, but the reader fills the same arrays for every batch (see
     * {@link MiniBatches#reusingBuffers()}); the iterator then declines DL4J's prefetch thread, which would
     * overwrite a batch in use.
     *
     * @param split the split
     * @param batchSize examples per mini-batch
     * @param seed the seed
     * @param shuffle whether to shuffle every epoch
     * @return DL4J's iterator over the split's mini-batches, its arrays reused from batch to batch
     */
    public static DataSetIterator reusingIterator(Split split, int batchSize, long seed, boolean shuffle) {
        IdxRecordReader reader = new IdxRecordReader(split, seed, shuffle);
        reader.arrays = new BatchArrays(true);
        RecordReaderDataSetIterator iterator = new RecordReaderDataSetIterator(reader, batchSize, 1,
                Idx.CLASSES) {
            @Override
            public boolean asyncSupported() {
                return false;
            }
        };
        iterator.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        return iterator;
    }

    private void startEpoch(int number) {
        epoch = number;
        cursor = 0;
        order = shuffle ? Shuffle.permutation(split.count(), seed, epoch) : null;
    }

    /** Reads the images file and the labels file named by the split's first two locations. */
    @Override
    public void initialize(InputSplit inputSplit) {
        URI[] locations = inputSplit.locations();
        if (locations.length != 2) {
            throw new DataException("IdxRecordReader: expected two files (images, labels), got "
                    + locations.length);
        }
        Idx.Images images = Idx.readImages(Path.of(locations[0]));
        byte[] labels = Idx.readLabels(Path.of(locations[1]));
        if (images.count() != labels.length) {
            throw new DataException(locations[0] + " holds " + images.count() + " images but " + locations[1]
                    + " holds " + labels.length + " labels");
        }
        split = Split.of("records", images, labels, 0, labels.length);
        startEpoch(0);
    }

    @Override
    public void initialize(Configuration conf, InputSplit inputSplit) {
        initialize(inputSplit);
    }

    @Override
    public boolean batchesSupported() {
        return true;
    }

    /** {@return the next {@code num} examples as two arrays: raw pixels [num, 784] and one-hot labels [num, 10]} */
    @Override
    public List<List<Writable>> next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in this epoch; call reset()");
        }
        int end = Math.min(cursor + num, split.count());
        INDArray[] batch = arrays.get(end - cursor, num);
        split.fillFeatures(batch[0], cursor, end, order, false);
        split.fillOneHot(batch[1], cursor, end, order);
        INDArray pixels = batch[0];
        INDArray labels = batch[1];
        cursor = end;
        return new NDArrayRecordBatch(List.of(pixels, labels));
    }

    @Override
    public List<Writable> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in this epoch; call reset()");
        }
        int example = order == null ? cursor : order[cursor];
        cursor++;
        INDArray pixels = split.features(example, example + 1, null, false);
        List<Writable> record = new ArrayList<>(2);
        record.add(new NDArrayWritable(pixels));
        record.add(new IntWritable(split.label(example)));
        return record;
    }

    @Override
    public boolean hasNext() {
        return split != null && cursor < split.count();
    }

    @Override
    public List<String> getLabels() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
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
    public boolean resetSupported() {
        return true;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) throws IOException {
        throw new UnsupportedOperationException("IdxRecordReader reads whole IDX files, not single records");
    }

    @Override
    public Record nextRecord() {
        int index = order == null ? cursor : order[cursor];
        List<Writable> record = next();
        return new org.datavec.api.records.impl.Record(record,
                new RecordMetaDataIndex(index, null, IdxRecordReader.class));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        return loadFromMetaData(List.of(recordMetaData)).get(0);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        List<Record> records = new ArrayList<>();
        for (RecordMetaData meta : recordMetaDatas) {
            int index = (int) ((RecordMetaDataIndex) meta).getIndex();
            INDArray pixels = split.features(index, index + 1, null, false);
            records.add(new org.datavec.api.records.impl.Record(
                    List.of(new NDArrayWritable(pixels), new IntWritable(split.label(index))), meta));
        }
        return records;
    }

    @Override
    public void close() {
    }

    @Override
    public void setConf(Configuration conf) {
    }

    @Override
    public Configuration getConf() {
        return null;
    }
}

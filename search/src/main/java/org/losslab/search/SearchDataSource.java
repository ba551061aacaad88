package org.losslab.search;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MiniBatches;
import org.losslab.data.MnistData;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * An Arbiter {@link DataSource} over LossLab's data: {@code trainData()} is the training split in shuffled
 * mini-batches and {@code testData()} the <em>validation</em> split, since Arbiter scores candidates on
 * {@code testData()} and the test set must not choose the model. Properties: {@code dataset}, {@code dataDir},
 * {@code trainLimit}, {@code testLimit}, {@code batch}, {@code seed}. LossLab records it in the search's Arbiter
 * configuration (which the browser UI shows); a user can also hand it to Arbiter's own runner.
 */
public final class SearchDataSource implements DataSource {

    private static final long serialVersionUID = 1L;

    private transient MnistData data;
    private int batch = 10;
    private long seed = 1;

    /** The properties that describe a search's data. */
    static Properties properties(SearchSpec spec, Optional<Path> dataDir) {
        Properties properties = new Properties();
        properties.setProperty("dataset", spec.dataset().id());
        if (dataDir.isPresent()) {
            properties.setProperty("dataDir", dataDir.get().toString());
        }
        properties.setProperty("trainLimit", String.valueOf(spec.trainLimit()));
        properties.setProperty("testLimit", String.valueOf(spec.testLimit()));
        properties.setProperty("batch", String.valueOf(spec.batch()));
        properties.setProperty("seed", String.valueOf(spec.seed()));
        return properties;
    }

    @Override
    public void configure(Properties properties) {
        String dir = properties.getProperty("dataDir");
        DataSpec spec = DataSpec.of(Dataset.parse(properties.getProperty("dataset", "mnist")))
                .withDataDir(java.util.Optional.ofNullable(dir).map(Path::of))
                .withLimits(Integer.parseInt(properties.getProperty("trainLimit", "0")),
                        Integer.parseInt(properties.getProperty("testLimit", "0")));
        batch = Integer.parseInt(properties.getProperty("batch", "10"));
        seed = Long.parseLong(properties.getProperty("seed", "1"));
        data = MnistData.load(spec);
    }

    @Override
    public Object trainData() {
        return new MiniBatches(loaded().train(), batch, seed, true);
    }

    @Override
    public Object testData() {
        return new MiniBatches(loaded().validation(), 1000, seed, false);
    }

    @Override
    public Class<?> getDataType() {
        return DataSetIterator.class;
    }

    private MnistData loaded() {
        if (data == null) {
            throw new IllegalStateException("SearchDataSource: call configure(Properties) first");
        }
        return data;
    }
}

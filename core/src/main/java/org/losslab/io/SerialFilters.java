package org.losslab.io;

import java.io.ObjectInputFilter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JEP 290 allow-lists for the Java deserialization that DL4J itself does inside files a user may have been given:
 * the keys and records of its statistics files ({@code stats.dl4j}, {@code arbiter.dl4j}), the fixed values of an
 * Arbiter search configuration, and {@code ModelSerializer}'s {@code preprocessor.bin} and old normalisers.
 *
 * <p>DL4J creates those {@code ObjectInputStream}s itself, so no stream-level filter can reach them. A JEP 415
 * filter factory can: {@link #install()} sets one for the JVM that gives a stream LossLab's policy <em>only when
 * DL4J's
 * reading code is the one that creates it</em> (found from the caller's class), and leaves every other stream in the
 * JVM as it would be without LossLab (its own filter, or the JVM-wide {@code jdk.serialFilter}). Java lets the
 * factory be set once, before the first {@code ObjectInputStream} of the JVM; the command line installs it first
 * thing, the API on its first read of a statistics file, and a JVM started with
 * {@code -Djdk.serialFilterFactory=org.losslab.io.SerialFilters$Factory} has it from the start.
 *
 * <p>LossLab's own reads of untrusted bytes use {@link SafeObjectInput}, which checks class names before loading.
 */
public final class SerialFilters {

    private static final Logger LOG = LoggerFactory.getLogger(SerialFilters.class);

    /** DL4J's statistics files: storage keys and Arbiter's Java-serialized records. */
    public static final SerialPolicy STATISTICS = new SerialPolicy("a DL4J statistics file",
            Set.of("org.deeplearning4j.ui.model.storage.BaseCollectionStatsStorage$SessionTypeId",
                    "org.deeplearning4j.ui.model.storage.BaseCollectionStatsStorage$SessionTypeWorkerId",
                    "org.deeplearning4j.arbiter.ui.data.BaseJavaPersistable",
                    "org.deeplearning4j.arbiter.ui.data.GlobalConfigPersistable",
                    "org.deeplearning4j.arbiter.ui.data.ModelInfoPersistable",
                    "org.deeplearning4j.arbiter.optimize.runner.CandidateStatus"),
            List.of(), 20, 1_000_000, 50_000_000, 512L << 20);

    /** The fixed values of an Arbiter configuration: loss functions, activations, updaters, LossLab's presets. */
    public static final SerialPolicy SEARCH_VALUES = new SerialPolicy("a search configuration's fixed values",
            Set.of(), List.of("org.nd4j.linalg.lossfunctions", "org.nd4j.linalg.lossfunctions.impl",
                    "org.nd4j.linalg.activations", "org.nd4j.linalg.activations.impl", "org.nd4j.linalg.learning.config",
                    "org.nd4j.linalg.schedule", "org.deeplearning4j.nn.weights", "org.deeplearning4j.nn.conf.distribution",
                    "org.losslab.preset"),
            20, 10_000, 1_000_000, 16L << 20);

    /** A model zip's {@code preprocessor.bin} or old-style normaliser: ND4J's scalers, without arrays. */
    public static final SerialPolicy MODEL_OBJECTS = new SerialPolicy("a model's preprocessor or normaliser",
            Set.of(), List.of("org.nd4j.linalg.dataset.api.preprocessor"), 10, 1_000, 100_000, 1L << 20);

    /** Which DL4J code creates which streams: the first class of the caller that is not the JDK's, by prefix. */
    private static final Map<String, SerialPolicy> CONTEXTS = Map.of(
            "org.deeplearning4j.ui.model.storage.", STATISTICS,
            "org.deeplearning4j.ui.model.stats.impl.", STATISTICS,
            "org.deeplearning4j.arbiter.ui.data.", STATISTICS,
            "org.mapdb.", STATISTICS,
            "org.deeplearning4j.arbiter.optimize.serde.jackson.", SEARCH_VALUES,
            "org.deeplearning4j.util.ModelSerializer", MODEL_OBJECTS);

    private static volatile boolean installed;

    private SerialFilters() {
    }

    /**
     * Installs the filter factory for this JVM, once; true when it is in place (also when the JVM was started with
     * it), false when Java refuses because the JVM has already deserialized something or has a factory of its own.
     *
     * @return whether LossLab's factory is the JVM's now
     */
    public static synchronized boolean install() {
        if (installed) {
            return true;
        }
        if (ObjectInputFilter.Config.getSerialFilterFactory() instanceof Factory) {
            installed = true;
            return true;
        }
        try {
            ObjectInputFilter.Config.setSerialFilterFactory(new Factory());
            installed = true;
        } catch (IllegalStateException e) {
            LOG.debug("cannot install LossLab's deserialization filter factory: {}", e.getMessage());
        }
        return installed;
    }

    /**
     * Makes sure the factory is in place before DL4J reads {@code file}.
     *
     * @throws BadFileException naming the file when it cannot be (the JVM deserialized something before)
     * @param file the file
     */
    public static void require(Path file) {
        if (!install()) {
            throw new BadFileException(file, "", "not opened: DL4J deserializes Java objects from it, and this JVM "
                    + "cannot be given LossLab's allow-list any more (call org.losslab.io.SerialFilters.install() "
                    + "before anything is deserialized, or start Java with -Djdk.serialFilterFactory="
                    + Factory.class.getName() + ")", null);
        }
    }

    /** The policy for a stream that {@code callerClass} creates, or null when LossLab has none for it. */
    static SerialPolicy policyFor(String callerClass) {
        for (Map.Entry<String, SerialPolicy> context : CONTEXTS.entrySet()) {
            if (callerClass.startsWith(context.getKey())) {
                return context.getValue();
            }
        }
        return null;
    }

    /**
     * The filter factory: for a stream created or configured by DL4J's reading code, LossLab's policy merged with
     * the filter the stream would have had (a rejection by either wins); for every other stream, that filter alone,
     * as Java's built-in factory does.
     */
    public static final class Factory implements BinaryOperator<ObjectInputFilter> {

        private static final StackWalker WALKER = StackWalker.getInstance();

        /** For {@code -Djdk.serialFilterFactory}. */
        public Factory() {
        }

        @Override
        public ObjectInputFilter apply(ObjectInputFilter current, ObjectInputFilter next) {
            String caller = WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                    .filter(name -> !name.startsWith("java.") && !name.startsWith("jdk.")
                            && !name.startsWith("sun.") && !name.startsWith(SerialFilters.class.getName()))
                    .findFirst().orElse(""));
            SerialPolicy policy = policyFor(caller);
            if (policy == null) {
                return next;
            }
            ObjectInputFilter ours = policy.filter();
            return next == null ? ours : ObjectInputFilter.merge(ours, next);
        }
    }
}

package org.losslab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.losslab.preset.NetworkSpec;

/**
 * A run's provenance and results, stored as {@code run.json} in its folder and inside its model zip: enough to
 * replay it (spec, seed, data and its checksums, library versions) and everything it measured.
 *
 * @param id          the run's folder name
 * @param status      running, finished, stopped early, diverged or pruned
 * @param created     when the run started (ISO-8601)
 * @param versions    LossLab, DL4J, Java and OS versions
 * @param network     the network spec, seed included
 * @param epochs      epochs asked for
 * @param batchSize   mini-batch size
 * @param earlyStop   patience in epochs; 0 = off
 * @param threads     ND4J threads
 * @param trainingCost what each epoch's training cost is ({@link TrainingCost}); the mini-batch mean in records of
 *                    LossLab before it was kept
 * @param data        the data used
 * @param metrics     one entry per completed epoch
 * @param bestEpoch   the epoch with the best validation accuracy (none before the first epoch)
 * @param testCost    cost of the final model on the test split (none until it trained to its end)
 * @param testAccuracy accuracy of the final model on the test split (none until it trained to its end)
 * @param seconds     training seconds so far
 * @param start       the network before its first epoch, as epoch 0 ({@link StartProbe}); empty in records of
 *                    LossLab before it was kept
 * @param command     what made the run: the command line ({@code losslab train --epochs 3}) or {@code Java API}
 *                    ({@link org.losslab.io.Invocation}); {@code unknown} in records of LossLab before it was kept
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunRecord(String id, RunStatus status, String created, Map<String, String> versions, NetworkSpec network,
                        int epochs, int batchSize, int earlyStop, int threads, TrainingCost trainingCost,
                        DataRecord data,
                        List<EpochMetrics> metrics, OptionalInt bestEpoch, OptionalDouble testCost,
                        OptionalDouble testAccuracy, double seconds, Optional<EpochMetrics> start,
                        String command) {

    /** The largest run record read: a record of a thousand epochs is under 1 MiB. */
    public static final long MAX_BYTES = 16L << 20;

    private static final ObjectMapper JSON = org.losslab.io.StrictJson.mapper()
            .registerModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Copies the metrics; an absent figure is empty, never null.
     *
     * @param id the run's folder name
     * @param status running, finished, stopped early, diverged or pruned
     * @param created when the run started (ISO-8601)
     * @param versions LossLab, DL4J, Java and OS versions
     * @param network the network spec, seed included
     * @param epochs epochs asked for
     * @param batchSize mini-batch size
     * @param earlyStop patience in epochs; 0 = off
     * @param threads ND4J threads
     * @param trainingCost what each epoch's training cost is; null (a record of an older LossLab) is the
     *                     mini-batch mean, the only one it had
     * @param data the data used
     * @param metrics one entry per completed epoch
     * @param bestEpoch the epoch with the best validation accuracy (none before the first epoch)
     * @param testCost cost of the final model on the test split (none until it trained to its end)
     * @param testAccuracy accuracy of the final model on the test split (none until it trained to its end)
     * @param seconds training seconds so far
     * @param start the network before its first epoch, as epoch 0
     * @param command what made the run: the command line or {@code Java API}
     */
    public RunRecord {
        start = start == null ? Optional.empty() : start;
        trainingCost = trainingCost == null ? TrainingCost.MINI_BATCH_MEAN : trainingCost;
        command = command == null ? "unknown" : command;
        metrics = List.copyOf(metrics);
        bestEpoch = bestEpoch == null ? OptionalInt.empty() : bestEpoch; // a record of an older LossLab
        testCost = testCost == null ? OptionalDouble.empty() : testCost;
        testAccuracy = testAccuracy == null ? OptionalDouble.empty() : testAccuracy;
    }

    /**
     * The data of a run.
     *
     * @param dataset    data set name
     * @param source     where it was found
     * @param folder     its folder; empty for the bundled sample
     * @param sample     whether it is the bundled sample (figures not comparable with full MNIST)
     * @param trainLimit the first N training examples only (0 = all)
     * @param testLimit  the first N validation and N test examples only (0 = all)
     * @param train      training examples used
     * @param validation validation examples used
     * @param test       test examples used
     * @param md5        MD5 of each of the four files, by file name
     */
    public record DataRecord(String dataset, String source, Optional<String> folder, boolean sample, int trainLimit,
                             int testLimit, int train, int validation, int test, Map<String, String> md5) {
    }

    /** {@return the completed epochs} */
    public int completedEpochs() {
        return metrics.size();
    }

    RunRecord withEpoch(EpochMetrics epoch, OptionalInt best, double moreSeconds) {
        List<EpochMetrics> all = new ArrayList<>(metrics);
        all.add(epoch);
        return new RunRecord(id, status, created, versions, network, epochs, batchSize, earlyStop, threads,
                trainingCost, data,
                all, best, testCost, testAccuracy, seconds + moreSeconds, start, command);
    }

    /** The same run before its first epoch: no metrics, running, no test figures. */
    RunRecord restarted() {
        return new RunRecord(id, RunStatus.RUNNING, created, versions, network, epochs, batchSize, earlyStop, threads,
                trainingCost, data,
                List.of(), OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 0, start, command);
    }

    RunRecord withStart(EpochMetrics startMetrics) {
        return new RunRecord(id, status, created, versions, network, epochs, batchSize, earlyStop, threads,
                trainingCost, data,
                metrics, bestEpoch, testCost, testAccuracy, seconds, Optional.of(startMetrics), command);
    }

    RunRecord finished(RunStatus finalStatus, OptionalDouble cost, OptionalDouble accuracy) {
        return new RunRecord(id, finalStatus, created, versions, network, epochs, batchSize, earlyStop, threads,
                trainingCost, data, metrics, bestEpoch, cost, accuracy, seconds, start, command);
    }

    /** {@return the record as indented JSON} */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run record not serialisable", e);
        }
    }

    /**
     * Parses a record; {@code where} names its origin in messages.
     *
     * @param json the JSON text
     * @param where what the text is, for messages (a file name, say)
     * @return the record
     */
    public static RunRecord fromJson(String json, String where) {
        try {
            RunRecord record = JSON.readValue(json, RunRecord.class);
            if (record == null || record.network() == null || record.data() == null || record.id() == null
                    || record.status() == null) {
                throw new IllegalArgumentException(where + ": not a LossLab run record (no id, status, network or "
                        + "data)");
            }
            return record;
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not a LossLab run record (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    e);
        }
    }

    /**
     * Reads {@code run.json} of a run folder.
     *
     * @param folder the run folder
     * @return the folder's record
     */
    public static RunRecord read(Path folder) {
        Path file = folder.resolve("run.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + ": not a run folder (no run.json)");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + org.losslab.io.Bounded.bytes(MAX_BYTES)
                        + "; not a LossLab run record");
            }
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}

package org.losslab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.core.storage.Persistable;

/**
 * One epoch's figures as a DL4J statistics record, next to {@code StatsListener}'s in a run's {@code stats.dl4j} and
 * in the live storage, so that the browser UI can draw validation accuracy per epoch (DL4J's own records hold the
 * per-iteration score only). Type {@value #TYPE_ID}; its bytes are a small JSON object, never Java serialization.
 */
public final class EpochReport implements Persistable {

    private static final long serialVersionUID = 1L;

    /** The records' type in a statistics storage. */
    public static final String TYPE_ID = "LossLabEpoch";
    /** The largest encoded record read: a few numbers and two ids. */
    static final int MAX_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private String sessionId;
    private String workerId;
    private long timestamp;
    private int epoch;
    private double validationAccuracy;
    private double validationCost;
    private double trainCost;

    /** For DL4J's storages, which make an empty record and then {@link #decode} it. */
    public EpochReport() {
    }

    /**
     * @param sessionId the run's session (its record's id, as {@code StatsListener}'s)
     * @param workerId  the worker, as {@code StatsListener}'s
     * @param timestamp when the epoch ended, in milliseconds since the epoch
     * @param metrics   the epoch's figures
     */
    public EpochReport(String sessionId, String workerId, long timestamp, EpochMetrics metrics) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.epoch = metrics.epoch();
        this.validationAccuracy = metrics.validationAccuracy();
        this.validationCost = metrics.validationCost();
        this.trainCost = metrics.trainCost();
    }

    /**
     * The record a run puts as its static information for this type when it starts (DL4J's storages list a type's
     * workers, and so find its updates, from its static records): epoch 0, no figures.
     *
     * @param sessionId the run's session
     * @param workerId  the worker
     * @param timestamp when the run started
     * @return the record
     */
    public static EpochReport start(String sessionId, String workerId, long timestamp) {
        EpochReport start = new EpochReport();
        start.sessionId = sessionId;
        start.workerId = workerId;
        start.timestamp = timestamp;
        start.validationAccuracy = Double.NaN;
        start.validationCost = Double.NaN;
        start.trainCost = Double.NaN;
        return start;
    }

    /** @return the epoch, from 1; 0 for {@link #start} */
    public int epoch() {
        return epoch;
    }

    /** @return the validation accuracy after it, a fraction */
    public double validationAccuracy() {
        return validationAccuracy;
    }

    /** @return the validation cost after it */
    public double validationCost() {
        return validationCost;
    }

    /** @return the epoch's training cost ({@link TrainingCost}) */
    public double trainCost() {
        return trainCost;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("session", sessionId);
        fields.put("worker", workerId);
        fields.put("timestamp", timestamp);
        fields.put("epoch", epoch);
        fields.put("validationAccuracy", number(validationAccuracy));
        fields.put("validationCost", number(validationCost));
        fields.put("trainCost", number(trainCost));
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON has no NaN: a diverged epoch's figures are written as null and read back as NaN. */
    private static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream out) throws IOException {
        out.write(encode());
    }

    @Override
    public void decode(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("an epoch record of " + bytes.length + " bytes (at most " + MAX_BYTES
                    + ")");
        }
        JsonNode node;
        try {
            node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("an epoch record that is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject() || !node.path("epoch").isInt() || !node.path("session").isTextual()) {
            throw new IllegalArgumentException("an epoch record without its epoch and session");
        }
        sessionId = node.get("session").asText();
        workerId = node.path("worker").asText("");
        timestamp = node.path("timestamp").asLong();
        epoch = node.get("epoch").asInt();
        validationAccuracy = node.path("validationAccuracy").isNumber() ? node.get("validationAccuracy").asDouble()
                : Double.NaN;
        validationCost = node.path("validationCost").isNumber() ? node.get("validationCost").asDouble() : Double.NaN;
        trainCost = node.path("trainCost").isNumber() ? node.get("trainCost").asDouble() : Double.NaN;
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        decode(bytes);
    }

    @Override
    public void decode(InputStream in) throws IOException {
        decode(in.readNBytes(MAX_BYTES + 1));
    }
}

package org.losslab.ui;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.arbiter.ui.data.GlobalConfigPersistable;
import org.deeplearning4j.arbiter.ui.data.ModelInfoPersistable;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsInitializationReport;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsReport;
import org.deeplearning4j.ui.model.storage.impl.SbeStorageMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the training statistics that DL4J's {@code RemoteUIStatsStorageRouter} posts (from Spark executors, say) to
 * {@value #PATH}: JSON with {@code type}, {@code class} and base64 {@code data}. DL4J's own receiver loads and
 * instantiates whatever class a request names; this one builds only DL4J's statistics records and Arbiter's
 * status records, by a fixed table, and answers 400 to anything else.
 */
final class RemoteReceiver {

    /** Where the records are posted, as DL4J's router posts them. */
    static final String PATH = "/remoteReceive";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteReceiver.class);

    private static final Map<String, Supplier<Persistable>> RECORDS = Map.of(
            SbeStatsInitializationReport.class.getName(), SbeStatsInitializationReport::new,
            SbeStatsReport.class.getName(), SbeStatsReport::new,
            GlobalConfigPersistable.class.getName(), GlobalConfigPersistable::new,
            ModelInfoPersistable.class.getName(), ModelInfoPersistable::new,
            org.losslab.experiment.EpochReport.class.getName(), org.losslab.experiment.EpochReport::new);

    private static final Map<String, Supplier<StorageMetaData>> META = Map.of(
            SbeStorageMetaData.class.getName(), SbeStorageMetaData::new);

    private final StatsStorageRouter into;

    RemoteReceiver(StatsStorageRouter into) {
        this.into = into;
    }

    void handle(RoutingContext rc) {
        String problem = receive(rc);
        if (problem == null) {
            rc.response().end();
        } else {
            LOG.warn("refused statistics posted from {}: {}", rc.request().remoteAddress(), problem);
            rc.response().setStatusCode(400).end(problem);
        }
    }

    /** Stores one posted record; the problem when it is refused, else null. */
    private String receive(RoutingContext rc) {
        JsonObject json;
        try {
            json = rc.getBodyAsJson();
        } catch (DecodeException e) {
            return "not JSON";
        }
        if (json == null) {
            return "no body";
        }
        Object type = json.getValue("type");
        Object name = json.getValue("class");
        Object data = json.getValue("data");
        if (!(type instanceof String) || !(name instanceof String) || !(data instanceof String)) {
            return "expected the strings type, class and data";
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode((String) data);
        } catch (IllegalArgumentException e) {
            return "data is not base64";
        }
        String kind = ((String) type).toLowerCase(java.util.Locale.ROOT);
        try {
            switch (kind) {
                case "metadata" -> {
                    Supplier<StorageMetaData> meta = META.get(name);
                    if (meta == null) {
                        return "class " + name + " is not DL4J's storage metadata";
                    }
                    StorageMetaData record = meta.get();
                    record.decode(bytes);
                    into.putStorageMetaData(record);
                }
                case "staticinfo", "update" -> {
                    Supplier<Persistable> made = RECORDS.get(name);
                    if (made == null) {
                        return "class " + name + " is not one of DL4J's, Arbiter's or LossLab's statistics records";
                    }
                    Persistable record = made.get();
                    record.decode(bytes);
                    if (kind.equals("update")) {
                        into.putUpdate(record);
                    } else {
                        into.putStaticInfo(record);
                    }
                }
                default -> {
                    return "type " + type + " is none of metadata, staticinfo, update";
                }
            }
        } catch (RuntimeException e) {
            return "data does not decode as " + name + " (" + e.getClass().getSimpleName() + ")";
        }
        return null;
    }
}

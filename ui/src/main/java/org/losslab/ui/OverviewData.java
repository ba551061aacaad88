package org.losslab.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.losslab.experiment.EpochReport;

/**
 * What LossLab adds to DL4J's training overview data ({@code /train/.../overview/data}): beta7 leaves the session's
 * "Start Time" and "Total Runtime" empty, and has no validation accuracy. LossLab fills the two from the session's
 * records (its first record, and the time from it to its latest) and adds {@code losslab.validationAccuracy}, the
 * {@link EpochReport}s as {@code [epoch, percent]} pairs, which LossLab's addition to the overview script draws.
 */
final class OverviewData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OverviewData() {
    }

    /**
     * Runs DL4J's handler on {@code rc} with its response caught, and sends that response with LossLab's additions.
     *
     * @param rc       the request
     * @param dl4j     DL4J's handler of it
     * @param session  the session the request is for, when known
     * @param storages the storages the UI shows
     */
    static void serve(RoutingContext rc, Consumer<RoutingContext> dl4j, Optional<String> session,
                      List<StatsStorage> storages) {
        StringBuilder body = new StringBuilder();
        boolean[] ended = {false};
        dl4j.accept(catching(rc, text -> {
            body.append(text);
            ended[0] = true;
        }));
        if (!ended[0]) {
            rc.response().setStatusCode(500).end("the overview data was not made");
            return;
        }
        String json = body.toString();
        if (session.isPresent()) {
            for (StatsStorage storage : storages) {
                if (storage.listSessionIDs().contains(session.get())) {
                    json = withLossLab(json, storage, session.get());
                    break;
                }
            }
        }
        rc.response().putHeader("content-type", "application/json").end(json);
    }

    /**
     * DL4J's overview data with the start time, the runtime and the validation accuracy per epoch of
     * {@code session} in {@code storage}.
     *
     * @param json    DL4J's overview data
     * @param storage the session's storage
     * @param session the session
     * @return the data with LossLab's additions; as it was when it is not DL4J's overview data
     */
    static String withLossLab(String json, StatsStorage storage, String session) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            return json;
        }
        if (!(tree instanceof ObjectNode data) || !(data.get("perf") instanceof ArrayNode perf) || perf.size() < 2) {
            return json;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Persistable info : storage.getAllStaticInfos(session, StatsListener.TYPE_ID)) {
            first = Math.min(first, info.getTimeStamp());
        }
        for (String worker : storage.listWorkerIDsForSessionAndType(session, StatsListener.TYPE_ID)) {
            for (long time : storage.getAllUpdateTimes(session, StatsListener.TYPE_ID, worker)) {
                first = Math.min(first, time); // the times only, as DL4J's overview reads them: no record decoded
                last = Math.max(last, time);
            }
        }
        TreeMap<Integer, Double> epochs = new TreeMap<>();
        for (Persistable record : storage.getAllUpdatesAfter(session, EpochReport.TYPE_ID, 0)) {
            if (record instanceof EpochReport epoch && Double.isFinite(epoch.validationAccuracy())) {
                epochs.put(epoch.epoch(), 100 * epoch.validationAccuracy());
                last = Math.max(last, epoch.getTimeStamp());
            }
        }
        if (first != Long.MAX_VALUE) {
            set(perf, 0, new SimpleDateFormat("yyyy-MM-dd HH:mm:ss").format(new Date(first)));
            if (last >= first) {
                set(perf, 1, duration(last - first));
            }
        }
        ArrayNode accuracy = data.putObject("losslab").putArray("validationAccuracy");
        epochs.forEach((epoch, percent) -> accuracy.addArray().add(epoch).add(percent));
        return data.toString();
    }

    private static void set(ArrayNode perf, int row, String value) {
        if (perf.get(row) instanceof ArrayNode cells && cells.size() >= 2) {
            cells.set(1, JSON.getNodeFactory().textNode(value));
        }
    }

    /**
     * {@return a length of time for reading}: {@code 42 s}, {@code 3 min 07 s}, {@code 2 h 05 min}
     *
     * @param millis the time in milliseconds
     */
    static String duration(long millis) {
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    /** {@code rc} with a response whose {@code end(String)} goes to {@code body} instead of the client. */
    private static RoutingContext catching(RoutingContext rc, Consumer<String> body) {
        HttpServerResponse real = rc.response();
        ClassLoader loader = OverviewData.class.getClassLoader();
        HttpServerResponse[] response = new HttpServerResponse[1];
        response[0] = (HttpServerResponse) Proxy.newProxyInstance(loader, new Class<?>[] {HttpServerResponse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("end") && args != null && args.length == 1
                            && args[0] instanceof String text) {
                        body.accept(text);
                        return null;
                    }
                    if (method.getName().equals("putHeader")) {
                        return proxy; // the headers are set when the amended data is sent
                    }
                    Object result = invoke(method, real, args);
                    return result == real ? proxy : result;
                });
        return (RoutingContext) Proxy.newProxyInstance(loader, new Class<?>[] {RoutingContext.class},
                (proxy, method, args) -> method.getName().equals("response") && (args == null || args.length == 0)
                        ? response[0] : invoke(method, rc, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

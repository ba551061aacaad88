package org.losslab.spark;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.losslab.io.SpecException;

/**
 * Where and how a {@link SparkRunner} runs. Start from {@link #of(String)} (a master URL) or {@link #submitted()}
 * (the master {@code spark-submit} configured); every other field has a default.
 *
 * @param master       {@code local[N]} (N executor threads in this JVM), {@code spark://host:port} (a standalone
 *                     cluster), or empty: the master {@code spark-submit} set ({@code spark.master})
 * @param appName      the application's name in Spark's UI; default {@code LossLab}
 * @param live         where executors post the candidates' training statistics as they are made: the address of a
 *                     {@code losslab ui} that listens for them (DL4J's remote statistics router); default empty,
 *                     nowhere (each candidate's {@code stats.dl4j} still comes back in its run folder)
 * @param startTimeout how long to wait for the master to answer and for the first executor to register before
 *                     giving up with one line; default 60 s
 * @param lostTimeout  how long a search waits while the application has no executor left (every worker lost)
 *                     before it stops with one line, where Spark would wait for ever; default 60 s
 * @param settings     more Spark settings ({@code spark.executor.memory}, …), over LossLab's defaults and under
 *                     what {@code spark-submit} set; default none
 */
public record SparkOptions(Optional<String> master, String appName, Optional<URI> live, Duration startTimeout,
                           Duration lostTimeout, Map<String, String> settings) {

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]{0,3})(,[1-9][0-9]?)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[^/:,\\s]+:[0-9]{1,5}(,[^/:,\\s]+:[0-9]{1,5})*");

    /** Validates every field. */
    public SparkOptions {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(startTimeout, "startTimeout");
        settings = Map.copyOf(settings);
        settings.keySet().forEach(key -> {
            if (!key.startsWith("spark.")) {
                throw new SpecException("settings", "a Spark setting starts with 'spark.', got '" + key + "'");
            }
        });
        master.ifPresent(SparkOptions::checkMaster);
        if (appName.isBlank()) {
            throw new SpecException("appName", "must not be blank");
        }
        live.ifPresent(uri -> {
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                throw new SpecException("live", "not the address of a LossLab UI (http://host:port): " + uri);
            }
        });
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new SpecException("startTimeout", "must be positive, got " + startTimeout);
        }
        Objects.requireNonNull(lostTimeout, "lostTimeout");
        if (lostTimeout.isNegative() || lostTimeout.isZero()) {
            throw new SpecException("lostTimeout", "must be positive, got " + lostTimeout);
        }
    }

    /**
     * @param master {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]} (F attempts per task) or
     *               {@code spark://host:port}
     * @return the options with every default
     * @throws SpecException naming {@code spark} when {@code master} is none of those
     */
    public static SparkOptions of(String master) {
        return new SparkOptions(Optional.of(master), "LossLab", Optional.empty(), Duration.ofSeconds(60),
                Duration.ofSeconds(60), Map.of());
    }

    /** {@return the options for a driver started by {@code spark-submit}, which set the master} */
    public static SparkOptions submitted() {
        return new SparkOptions(Optional.empty(), "LossLab", Optional.empty(), Duration.ofSeconds(60),
                Duration.ofSeconds(60), Map.of());
    }

    /**
     * @param live the address of a {@code losslab ui} that listens for statistics
     * @return a copy with that value
     */
    public SparkOptions withLive(URI live) {
        return new SparkOptions(master, appName, Optional.of(live), startTimeout, lostTimeout, settings);
    }

    /**
     * @param startTimeout how long to wait for the master and the first executor
     * @return a copy with that value
     */
    public SparkOptions withStartTimeout(Duration startTimeout) {
        return new SparkOptions(master, appName, live, startTimeout, lostTimeout, settings);
    }

    /**
     * @param lostTimeout how long a search waits while the application has no executor left
     * @return a copy with that value
     */
    public SparkOptions withLostTimeout(Duration lostTimeout) {
        return new SparkOptions(master, appName, live, startTimeout, lostTimeout, settings);
    }

    /**
     * @param appName the application's name in Spark's UI
     * @return a copy with that value
     */
    public SparkOptions withAppName(String appName) {
        return new SparkOptions(master, appName, live, startTimeout, lostTimeout, settings);
    }

    /**
     * @param key   a Spark setting, e.g. {@code spark.executor.memory}
     * @param value its value
     * @return a copy with that setting too
     */
    public SparkOptions withSetting(String key, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(settings);
        more.put(key, value);
        return new SparkOptions(master, appName, live, startTimeout, lostTimeout, more);
    }

    /** {@return whether the master runs executors in this JVM ({@code local[N]})} */
    public boolean isLocal() {
        return master.map(m -> m.startsWith("local")).orElse(false);
    }

    private static void checkMaster(String master) {
        if (!LOCAL.matcher(master).matches() && !STANDALONE.matcher(master).matches()) {
            throw new SpecException("spark", "not a Spark master URL: '" + master
                    + "' (local[N] for N threads here, spark://host:port for a standalone cluster)");
        }
    }
}

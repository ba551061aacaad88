package org.losslab.data;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Which data to load and where to look for it. Validated on construction; start from {@link #of(Dataset)}.
 *
 * @param dataset        mnist, fashion-mnist or the bundled sample
 * @param dataDir        a folder with the four files (--data-dir); null: {@code LOSSLAB_DATA}, then the cache
 * @param mirrors        base URLs to download from (--mirror); empty: {@code LOSSLAB_MIRRORS}, the settings file,
 *                       then the data set's default mirrors
 * @param download       whether to download when the files are not found
 * @param sampleFallback whether MNIST falls back to the bundled sample when nothing else works
 * @param home           LossLab's folder: the cache is {@code home/data/<dataset>}, the settings
 *                       {@code home/settings.properties}
 * @param environment    environment variables to read ({@code LOSSLAB_DATA}, {@code LOSSLAB_MIRRORS})
 * @param timeout        connect and read timeout of one download request
 * @param attempts       tries per mirror and file for errors that may pass (time-outs, broken connections, 5xx)
 * @param trainLimit     use only the first N training examples; 0 = all
 * @param testLimit      use only the first N validation and N test examples; 0 = all
 */
public record DataSpec(Dataset dataset, Path dataDir, List<String> mirrors, boolean download,
                       boolean sampleFallback, Path home, Map<String, String> environment, Duration timeout,
                       int attempts, int trainLimit, int testLimit) {

    /** Validates every field. */
    public DataSpec {
        if (dataset == null) {
            throw new IllegalArgumentException("dataset: must be given, got null");
        }
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
        for (String mirror : mirrors) {
            if (!mirror.startsWith("http://") && !mirror.startsWith("https://") && !mirror.startsWith("file:")) {
                throw new IllegalArgumentException("mirror: expected an http(s) URL, got '" + mirror + "'");
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("home: must be given, got null");
        }
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: must be > 0, got " + timeout);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: must be >= 1, got " + attempts);
        }
        if (trainLimit < 0) {
            throw new IllegalArgumentException("train-limit: must be >= 0 (0 = all), got " + trainLimit);
        }
        if (testLimit < 0) {
            throw new IllegalArgumentException("test-limit: must be >= 0 (0 = all), got " + testLimit);
        }
    }

    /**
     * LossLab's folder: the system property {@code losslab.home}, else the environment variable
     * {@code LOSSLAB_HOME}, else {@code ~/.losslab}.
     */
    public static Path defaultHome() {
        String property = System.getProperty("losslab.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String variable = System.getenv("LOSSLAB_HOME");
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        return Path.of(System.getProperty("user.home"), ".losslab");
    }

    /** The data set with every default: look everywhere, download, fall back to the sample. */
    public static DataSpec of(Dataset dataset) {
        return new DataSpec(dataset, null, List.of(), true, true, defaultHome(), System.getenv(),
                Duration.ofSeconds(30), 2, 0, 0);
    }

    public DataSpec withDataDir(Path dataDir) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    public DataSpec withMirrors(List<String> mirrors) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    public DataSpec withDownload(boolean download) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    public DataSpec withSampleFallback(boolean sampleFallback) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    public DataSpec withHome(Path home) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    public DataSpec withEnvironment(Map<String, String> environment) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    public DataSpec withTimeout(Duration timeout, int attempts) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    public DataSpec withLimits(int trainLimit, int testLimit) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    /** The cache folder of this data set: {@code home/data/<dataset>}. */
    public Path cacheDir() {
        return home.resolve("data").resolve(dataset.id());
    }
}

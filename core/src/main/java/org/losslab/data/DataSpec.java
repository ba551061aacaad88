package org.losslab.data;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.losslab.io.SpecException;

/**
 * Which data to load and where to look for it. Validated on construction; start from {@link #of(Dataset)}.
 *
 * @param dataset        mnist, fashion-mnist or the bundled sample
 * @param dataDir        a folder with the four files; empty: {@code LOSSLAB_DATA}, then the cache, and so on
 * @param mirrors        base URLs to download from; empty: {@code LOSSLAB_MIRRORS}, the settings file,
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
public record DataSpec(Dataset dataset, Optional<Path> dataDir, List<String> mirrors, boolean download,
                       boolean sampleFallback, Path home, Map<String, String> environment, Duration timeout,
                       int attempts, int trainLimit, int testLimit) {

    /**
     * Validates every field.
     *
     * @param dataset mnist, fashion-mnist or the bundled sample
     * @param dataDir a folder with the four files; empty: {@code LOSSLAB_DATA}, then the cache, and so on
     * @param mirrors base URLs to download from; empty: {@code LOSSLAB_MIRRORS}, the settings file, then the data
     *                set's default mirrors
     * @param download whether to download when the files are not found
     * @param sampleFallback whether MNIST falls back to the bundled sample when nothing else works
     * @param home LossLab's folder: the cache is {@code home/data/<dataset>}, the settings {@code
     *             home/settings.properties}
     * @param environment environment variables to read ({@code LOSSLAB_DATA}, {@code LOSSLAB_MIRRORS})
     * @param timeout connect and read timeout of one download request
     * @param attempts tries per mirror and file for errors that may pass (time-outs, broken connections, 5xx)
     * @param trainLimit use only the first N training examples; 0 = all
     * @param testLimit use only the first N validation and N test examples; 0 = all
     */
    public DataSpec {
        if (dataset == null) {
            throw new SpecException("dataset", "must be given");
        }
        if (dataDir == null) {
            throw new SpecException("dataDir", "must be given (Optional.empty() to look everywhere)");
        }
        if (mirrors == null) {
            throw new SpecException("mirrors", "must be given (an empty list for the default mirrors)");
        }
        mirrors = List.copyOf(mirrors);
        for (String mirror : mirrors) {
            if (!mirror.startsWith("http://") && !mirror.startsWith("https://") && !mirror.startsWith("file:")) {
                throw new SpecException("mirrors", "expected an http(s) URL, got '" + mirror + "'");
            }
        }
        if (home == null) {
            throw new SpecException("home", "must be given");
        }
        if (environment == null) {
            throw new SpecException("environment", "must be given (an empty map for none)");
        }
        environment = Map.copyOf(environment);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new SpecException("timeout", "must be > 0, got " + timeout);
        }
        if (attempts < 1) {
            throw new SpecException("attempts", "must be >= 1, got " + attempts);
        }
        if (trainLimit < 0) {
            throw new SpecException("trainLimit", "must be >= 0 (0 = all), got " + trainLimit);
        }
        if (testLimit < 0) {
            throw new SpecException("testLimit", "must be >= 0 (0 = all), got " + testLimit);
        }
    }

    /**
     * LossLab's folder: the system property {@code losslab.home}, else the environment variable
     * {@code LOSSLAB_HOME}, else {@code ~/.losslab}.
     *
     * @return LossLab's folder
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

    /**
     * {@return the data set with every default: look everywhere, download, fall back to the sample}
     *
     * @param dataset mnist, fashion-mnist or the bundled sample
     */
    public static DataSpec of(Dataset dataset) {
        return new DataSpec(dataset, Optional.empty(), List.of(), true, true, defaultHome(), System.getenv(),
                Duration.ofSeconds(30), 2, 0, 0);
    }

    /**
     * @param dataDir a folder with the four files, the only place then looked in
     *
     * @return a copy with that value
     */
    public DataSpec withDataDir(Path dataDir) {
        return new DataSpec(dataset, Optional.of(dataDir), mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    /**
     * @param dataDir a folder with the four files, when one is given
     *
     * @return a copy with that value
     */
    public DataSpec withDataDir(Optional<Path> dataDir) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    /**
     * @param mirrors base URLs to download from; empty: the configured or default mirrors
     *
     * @return a copy with that value
     */
    public DataSpec withMirrors(List<String> mirrors) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    /**
     * @param download whether to download when the files are not found
     *
     * @return a copy with that value
     */
    public DataSpec withDownload(boolean download) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    /**
     * @param sampleFallback whether MNIST falls back to the bundled sample
     *
     * @return a copy with that value
     */
    public DataSpec withSampleFallback(boolean sampleFallback) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    /**
     * @param home LossLab's folder (cache and settings)
     *
     * @return a copy with that value
     */
    public DataSpec withHome(Path home) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    /**
     * @param environment the environment variables to read
     *
     * @return a copy with that value
     */
    public DataSpec withEnvironment(Map<String, String> environment) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    /**
     * @param timeout  connect and read timeout of one download request
     * @param attempts tries per mirror and file
     * @return a copy with that value
     */
    public DataSpec withTimeout(Duration timeout, int attempts) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    /**
     * @param trainLimit the first N training examples only; 0 = all
     * @param testLimit  the first N validation and N test examples only; 0 = all
     * @return a copy with that value
     */
    public DataSpec withLimits(int trainLimit, int testLimit) {
        return new DataSpec(dataset, dataDir, mirrors, download, sampleFallback, home, environment, timeout,
                attempts, trainLimit, testLimit);
    }

    /**
     * The cache folder of this data set: {@code home/data/<dataset>}.
     *
     * @return the cache folder of this data set: {@code home/data/<dataset>}
     */
    public Path cacheDir() {
        return home.resolve("data").resolve(dataset.id());
    }
}

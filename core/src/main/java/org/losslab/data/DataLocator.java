package org.losslab.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a data set's four files, in this order: {@code --data-dir} (or {@code LOSSLAB_DATA}); LossLab's cache
 * {@code ~/.losslab/data/<dataset>}; DL4J's resource folder (MNIST); folders an OS package installs
 * (Fashion-MNIST); a download into the cache from the mirrors; and, for MNIST, the bundled sample. Every place
 * tried is reported in one line.
 */
public final class DataLocator {

    /** Environment variable naming a data folder (the files, or a folder per data set). */
    public static final String DATA_VARIABLE = "LOSSLAB_DATA";
    /** Environment variable listing mirror base URLs, comma separated. */
    public static final String MIRRORS_VARIABLE = "LOSSLAB_MIRRORS";
    /** Notice shown whenever the bundled sample is used. */
    public static final String SAMPLE_NOTICE = "figures from the bundled sample are not comparable with full-MNIST"
            + " results";

    private static final Logger LOG = LoggerFactory.getLogger(DataLocator.class);

    private DataLocator() {
    }

    /**
     * Finds or downloads the data.
     *
     * @throws DataException when an explicitly named folder lacks files, or nothing worked; the message lists every
     *                       step
     * @param spec the spec
     * @return where the four files are, with every place tried
     */
    public static Located locate(DataSpec spec) {
        return locate(spec, DownloadListener.NONE);
    }

    /**
     * As {@link #locate(DataSpec)}, telling {@code progress} how downloads go.
     *
     * @param spec the spec
     * @param progress hears how downloads go
     * @return where the four files are, with every place tried
     */
    public static Located locate(DataSpec spec, DownloadListener progress) {
        Dataset dataset = spec.dataset();
        List<String> steps = new ArrayList<>();
        if (dataset == Dataset.SAMPLE) {
            return sample(spec, steps);
        }
        if (spec.dataDir().isPresent()) {
            Path folder = spec.dataDir().get();
            Set<Dataset.Part> missing = missing(folder);
            if (!missing.isEmpty()) {
                throw new DataException("dataDir", "the data folder " + folder + ": " + describeMissing(folder, missing));
            }
            return found(spec, steps, "the data folder " + folder, folder);
        }
        String variable = spec.environment().get(DATA_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            Path root = Path.of(variable);
            for (Path folder : List.of(root, root.resolve(dataset.id()))) {
                if (missing(folder).isEmpty()) {
                    return found(spec, steps, DATA_VARIABLE + " " + folder, folder);
                }
            }
            step(steps, DATA_VARIABLE + " " + root + ": no " + dataset.id() + " files there or in "
                    + root.resolve(dataset.id()));
        }
        Path cache = spec.cacheDir();
        List<Path> places = new ArrayList<>();
        places.add(cache);
        if (dataset == Dataset.MNIST) {
            // DL4J's own MNIST folder (getDirectory would create it, so build the path by hand).
            places.add(DL4JResources.getBaseDirectory().toPath().resolve(ResourceType.DATASET.resourceName())
                    .resolve("MNIST"));
        }
        dataset.systemFolders().forEach(folder -> places.add(Path.of(folder)));
        for (Path folder : places) {
            Set<Dataset.Part> missing = missing(folder);
            String label = (folder.equals(cache) ? "cache " : "") + folder;
            if (missing.isEmpty()) {
                return found(spec, steps, label, folder);
            }
            step(steps, label + ": " + describeMissing(folder, missing));
        }
        if (spec.download()) {
            List<String> mirrors = mirrors(spec);
            if (mirrors.isEmpty()) {
                step(steps, "download: no mirrors configured (the data spec's mirrors, " + MIRRORS_VARIABLE
                        + " or the settings file)");
            } else if (download(spec, mirrors, steps, progress)) {
                return found(spec, steps, "cache " + cache, cache);
            }
        } else {
            step(steps, "download: turned off");
        }
        if (dataset == Dataset.MNIST && spec.sampleFallback()) {
            return sample(spec, steps);
        }
        throw new DataException("dataDir", "could not find " + dataset.id() + ":\n  " + String.join("\n  ", steps)
                + "\nGive a folder with the four files, or a mirror that serves them.");
    }

    private static Located found(DataSpec spec, List<String> steps, String label, Path folder) {
        step(steps, label + ": found the four " + spec.dataset().id() + " files");
        return new Located(spec.dataset(), label, Optional.of(folder), steps);
    }

    private static Located sample(DataSpec spec, List<String> steps) {
        step(steps, "using the bundled sample (10,000 MNIST digits: 8,000 training, 2,000 test); " + SAMPLE_NOTICE);
        return new Located(Dataset.SAMPLE, "bundled sample", Optional.empty(), steps);
    }

    private static void step(List<String> steps, String line) {
        LOG.info(line);
        steps.add(line);
    }

    private static Set<Dataset.Part> missing(Path folder) {
        Set<Dataset.Part> missing = EnumSet.noneOf(Dataset.Part.class);
        for (Dataset.Part part : Dataset.Part.values()) {
            if (Located.find(folder, part) == null) {
                missing.add(part);
            }
        }
        return missing;
    }

    private static String describeMissing(Path folder, Set<Dataset.Part> missing) {
        if (!Files.isDirectory(folder)) {
            return "no such folder";
        }
        if (missing.size() == Dataset.Part.values().length) {
            return "none of the four files is there";
        }
        return "missing " + missing.stream().map(p -> p.gzName() + " (or " + p.baseName() + ")")
                .collect(Collectors.joining(", "));
    }

    /** The mirrors to try: --mirror, then LOSSLAB_MIRRORS, then the settings file, then the defaults. */
    static List<String> mirrors(DataSpec spec) {
        if (!spec.mirrors().isEmpty()) {
            return spec.mirrors();
        }
        String variable = spec.environment().get(MIRRORS_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return split(variable);
        }
        Path settings = spec.home().resolve("settings.properties");
        if (Files.isRegularFile(settings)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(settings)) {
                properties.load(in);
            } catch (IOException e) {
                throw new DataException(settings + ": cannot read (" + e.getMessage() + ")", e);
            }
            String value = properties.getProperty("mirrors." + spec.dataset().id());
            if (value != null && !value.isBlank()) {
                return split(value);
            }
        }
        return spec.dataset().defaultMirrors();
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private static boolean download(DataSpec spec, List<String> mirrors, List<String> steps,
                                    DownloadListener progress) {
        Path cache = spec.cacheDir();
        Downloader downloader = new Downloader(spec.timeout(), spec.attempts(), progress);
        for (Dataset.Part part : missing(cache)) {
            Path target = cache.resolve(part.gzName());
            List<String> failures = new ArrayList<>();
            boolean done = false;
            for (String mirror : mirrors) {
                URI url = URI.create(mirror.endsWith("/") ? mirror : mirror + "/").resolve(part.gzName());
                try {
                    downloader.download(url, target, spec.dataset().canonicalGzMd5(part).orElseThrow(),
                            spec.dataset().canonicalContentMd5(part).orElseThrow());
                    step(steps, "downloaded " + url + " into " + target + " (MD5 verified)"
                            + (failures.isEmpty() ? "" : "; before that: " + String.join("; ", failures)));
                    done = true;
                    break;
                } catch (Downloader.Failure failure) {
                    failures.add(failure.getMessage());
                }
            }
            if (!done) {
                step(steps, "download of " + part.gzName() + " failed: " + String.join("; ", failures));
                return false;
            }
        }
        return true;
    }
}

package org.losslab.data;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a data set's four files were found, and the one-line report of each place that was tried.
 *
 * @param dataset the data set
 * @param source  a short description of the place, e.g. {@code cache /home/u/.losslab/data/mnist}
 * @param folder  the folder holding the files; empty for the bundled sample on the class path
 * @param steps   what was tried, in order, one line each
 */
public record Located(Dataset dataset, String source, Optional<Path> folder, List<String> steps) {

    /** Where the bundled sample lies on the class path. */
    static final String SAMPLE_RESOURCES = "/org/losslab/data/mnist-sample/";

    /**
     * Copies the steps.
     *
     * @param dataset the data set
     * @param source a short description of the place, e.g. {@code cache /home/u/.losslab/data/mnist}
     * @param folder the folder holding the files; empty for the bundled sample on the class path
     * @param steps what was tried, in order, one line each
     */
    public Located {
        java.util.Objects.requireNonNull(folder, "folder");
        steps = List.copyOf(steps);
    }

    /** {@return whether this is the bundled sample, whose figures are not comparable with full-MNIST results} */
    public boolean isSample() {
        return folder.isEmpty();
    }

    /** The file of a part in a folder: the {@code .gz} name first, then the raw name; null when neither exists. */
    static Path find(Path folder, Dataset.Part part) {
        Path gz = folder.resolve(part.gzName());
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = folder.resolve(part.baseName());
        return Files.isRegularFile(raw) ? raw : null;
    }

    /**
     * {@return the name of a part's file, for messages and reports}
     *
     * @param part which of the four files
     */
    public String name(Dataset.Part part) {
        if (folder.isEmpty()) {
            return "bundled sample " + part.gzName();
        }
        Path file = find(folder.get(), part);
        return (file == null ? folder.get().resolve(part.gzName()) : file).toString();
    }

    /**
     * Opens a part's bytes (compressed or not).
     *
     * @param part which of the four files
     * @return what opens the file, compressed or not
     */
    public Idx.Opener opener(Dataset.Part part) {
        if (folder.isEmpty()) {
            return () -> {
                InputStream in = Located.class.getResourceAsStream(SAMPLE_RESOURCES + part.gzName());
                if (in == null) {
                    throw new FileNotFoundException(part.gzName() + " is not on the class path (the bundled sample "
                            + "is the module losslab-mnist-sample)");
                }
                return in;
            };
        }
        Path dir = folder.get();
        return () -> {
            Path file = find(dir, part);
            if (file == null) {
                throw new FileNotFoundException(dir.resolve(part.gzName()).toString());
            }
            return Files.newInputStream(file);
        };
    }
}

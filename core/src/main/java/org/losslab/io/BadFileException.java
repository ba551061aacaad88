package org.losslab.io;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file that LossLab refuses to use: damaged, too large, of another kind, or holding something it will not open
 * (a class outside an allow-list). The message names the file (and the entry inside it, for archives) and what is
 * wrong, in one line.
 */
public class BadFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String entry;
    private final String problem;

    /**
     * A refusal of {@code file} as a whole.
     *
     * @param file the file
     * @param problem what is wrong
     */
    public BadFileException(Path file, String problem) {
        this(file, "", problem, null);
    }

    /**
     * A refusal of {@code file}, or of its entry {@code entry} (empty for the file as a whole).
     *
     * @param file    the file
     * @param entry   the entry inside it, e.g. a zip entry's name; empty for the whole file
     * @param problem what is wrong, e.g. "inflates to more than 64 MiB"
     * @param cause   the underlying failure, or null
     */
    public BadFileException(Path file, String entry, String problem, Throwable cause) {
        super(file + (entry.isEmpty() ? "" : ", entry " + entry) + ": " + problem, cause);
        this.file = file;
        this.entry = entry;
        this.problem = problem;
    }

    /** {@return what is wrong, without the file's name} */
    public String problem() {
        return problem;
    }

    /** {@return the refused file} */
    public Path file() {
        return file;
    }

    /** {@return the entry inside the file that is refused, if the refusal is about one} */
    public Optional<String> entry() {
        return entry.isEmpty() ? Optional.empty() : Optional.of(entry);
    }
}

package org.losslab.model;

import java.nio.file.Path;
import org.losslab.io.BadFileException;

/** A model file that cannot be used; the message names the file (and the zip entry) and what is wrong. */
public class ModelException extends BadFileException {

    private static final long serialVersionUID = 1L;

    /**
     * A problem with {@code file} as a whole.
     *
     * @param file the file
     * @param problem what is wrong
     */
    public ModelException(Path file, String problem) {
        super(file, "", problem, null);
    }

    /**
     * A problem with {@code file} as a whole, caused by {@code cause}.
     *
     * @param file the file
     * @param problem what is wrong
     * @param cause what went wrong underneath
     */
    public ModelException(Path file, String problem, Throwable cause) {
        super(file, "", problem, cause);
    }

    /**
     * A problem with the zip entry {@code entry} of {@code file}.
     *
     * @param file the file
     * @param entry the zip entry, or empty for the file itself
     * @param problem what is wrong
     */
    public ModelException(Path file, String entry, String problem) {
        super(file, entry, problem, null);
    }

    /**
     * A problem with the zip entry {@code entry} of {@code file}, caused by {@code cause}.
     *
     * @param file the file
     * @param entry the zip entry, or empty for the file itself
     * @param problem what is wrong
     * @param cause what went wrong underneath
     */
    public ModelException(Path file, String entry, String problem, Throwable cause) {
        super(file, entry, problem, cause);
    }
}

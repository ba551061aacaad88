package org.losslab.data;

import java.util.Optional;

/**
 * Data that cannot be used: a missing, malformed or corrupted file, or a failed download. The message names it; when
 * a field of the {@link DataSpec} would fix it ({@code dataDir}), {@link #field()} names that field, so that a front
 * end can name its own option (LossLab's command line: {@code --data-dir}).
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** The {@link DataSpec} field the problem is about or that would fix it; null when none (see {@link #field()}). */
    private final String field;

    /** @param message what is wrong, naming the file or folder */
    public DataException(String message) {
        this(message, (Throwable) null);
    }

    /**
     * @param message what is wrong, naming the file or folder
     * @param cause   what went wrong underneath
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
    }

    /**
     * @param field   the {@link DataSpec} field it is about or that would fix it, e.g. {@code dataDir}
     * @param message what is wrong, naming the file or folder
     */
    public DataException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the {@link DataSpec} field the problem is about, when there is one */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}

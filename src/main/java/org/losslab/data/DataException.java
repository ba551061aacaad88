package org.losslab.data;

/** Data that cannot be used: a missing, malformed or corrupted file, or a failed download. The message names it. */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}

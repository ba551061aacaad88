package org.losslab.ui;

/**
 * The UI server could not start. The message names the host or port and what is wrong, as {@code "host X: …"},
 * {@code "port N: …"} or {@code "host X, port N: …"}, so that a front end can name its own options instead (LossLab's
 * command line: {@code --ui-host}, {@code --ui-port}).
 */
public class UiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the host or port
     * @param cause   what went wrong underneath
     */
    public UiException(String message, Throwable cause) {
        super(message, cause);
    }
}

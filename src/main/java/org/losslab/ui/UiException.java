package org.losslab.ui;

/** The UI server could not start; the message names the option and what is wrong. */
public class UiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UiException(String message, Throwable cause) {
        super(message, cause);
    }
}

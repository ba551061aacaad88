package org.losslab.io;

import java.nio.file.Path;

/**
 * A folder bound to other settings or data than a run asks for (a lecture's, a search's): nothing is trained in it.
 * {@link #differences()} lists what differs; {@link #folder()} is the folder to discard or to leave for another name.
 */
public class OtherSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient Path folder;
    private final String differences;

    /**
     * @param folder      the folder
     * @param differences what differs, e.g. {@code epochs 1 then, 3 now}
     * @param message     the whole message
     */
    protected OtherSettingsException(Path folder, String differences, String message) {
        super(message);
        this.folder = folder;
        this.differences = differences;
    }

    /** @return the folder that holds the other run */
    public Path folder() {
        return folder;
    }

    /** @return what differs, e.g. {@code seed 1 then, 2 now} */
    public String differences() {
        return differences;
    }
}

package org.losslab.model;

/** What {@link Canary} leaves behind when something initialises or deserializes it. */
public final class CanaryMarks {
    public static volatile boolean initialised;
    public static volatile boolean deserialized;

    private CanaryMarks() {
    }

    /** Whether any mark was left. */
    public static boolean any() {
        return initialised || deserialized;
    }
}

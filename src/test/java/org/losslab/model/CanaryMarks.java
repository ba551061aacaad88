package org.losslab.model;

/** What {@link Canary} leaves behind when something initialises or deserializes it. */
public final class CanaryMarks {
    static volatile boolean initialised;
    static volatile boolean deserialized;

    private CanaryMarks() {
    }
}

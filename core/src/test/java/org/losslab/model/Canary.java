package org.losslab.model;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A class a hostile file names: initialising it or deserializing it leaves a mark in {@link CanaryMarks}. Tests
 * never touch it themselves; they write its stream by renaming {@link CanarX} (same shape, same UID).
 */
public final class Canary implements Serializable {
    private static final long serialVersionUID = 7L;

    static {
        CanaryMarks.initialised = true;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        CanaryMarks.deserialized = true;
    }
}

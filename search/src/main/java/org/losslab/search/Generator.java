package org.losslab.search;

import org.losslab.preset.Choices;

/** How a search picks its candidates; the JSON id in spec files is {@link #id()}. */
public enum Generator implements Choices.Named {
    /** Every combination of the choices (Arbiter's {@code GridSearchCandidateGenerator}). */
    GRID("grid"),
    /** Random draws from the choices and ranges (Arbiter's {@code RandomSearchGenerator}). */
    RANDOM("random");

    private final String id;

    Generator(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}

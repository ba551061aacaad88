package org.losslab.model;

import java.io.Serializable;

/** {@link Canary}'s twin, serialized by tests and renamed in the bytes, so Canary itself is never loaded by them. */
public final class CanarX implements Serializable {
    private static final long serialVersionUID = 7L;
}

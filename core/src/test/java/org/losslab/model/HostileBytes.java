package org.losslab.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;

/** Serialized streams of classes a hostile file names, made without loading those classes in the test JVM. */
public final class HostileBytes {

    private HostileBytes() {
    }

    /** Java serialization of {@code object}. */
    public static byte[] serialized(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** A serialized {@link Canary}: {@link CanarX}'s stream with the class name changed (same length, same UID). */
    public static byte[] canary() throws IOException {
        String twin = new String(serialized(new CanarX()), StandardCharsets.ISO_8859_1);
        return twin.replace(CanarX.class.getName(), "org.losslab.model.Canary").getBytes(StandardCharsets.ISO_8859_1);
    }
}

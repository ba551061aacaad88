package org.losslab.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 checksums, the form in which MNIST's canonical files are published. */
public final class Checksums {

    private Checksums() {
    }

    /** {@return a fresh MD5 digest} */
    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }

    /**
     * {@return the lower-case hex MD5 of everything the stream holds}
     *
     * @param in the stream to read
     */
    public static String md5(InputStream in) throws IOException {
        MessageDigest digest = md5();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * {@return the lower-case hex MD5 of a file's bytes}
     *
     * @param file the file
     */
    public static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return md5(in);
        }
    }

    /**
     * {@return the lower-case hex MD5 of bytes}
     *
     * @param bytes the bytes
     */
    public static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(md5().digest(bytes));
    }
}

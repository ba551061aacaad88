package org.losslab.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads that stop at a limit instead of trusting what a file says about its own size. */
public final class Bounded {

    private Bounded() {
    }

    /** Thrown when a read would pass its limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooLargeException(long limit) {
            super("more than " + bytes(limit));
            this.limit = limit;
        }

        /** {@return the limit that was passed, in bytes} */
        public long limit() {
            return limit;
        }
    }

    /**
     * Reads all of {@code in}, at most {@code limit} bytes; the buffer grows with what really arrives, so a
     * declared size is never allocated up front.
     *
     * @throws TooLargeException when there is more than {@code limit}
     * @param in the stream to read
     * @param limit the most bytes read
     * @return the bytes read, at most {@code limit}
     */
    public static byte[] readAll(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > limit) {
                throw new TooLargeException(limit);
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * {@return a size for messages: "64 MiB", "512 KiB", "100 bytes"}
     *
     * @param n the number
     */
    public static String bytes(long n) {
        if (n >= (1L << 30) && n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        }
        if (n >= (1L << 20) && n % (1L << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " bytes";
    }

    /**
     * {@return what a file says, fit for a one-line message: control characters as {@code ?}, at most {@code max}
     * characters}
     *
     * @param text the text
     * @param max the most characters kept
     */
    public static String excerpt(String text, int max) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= max ? printable : printable.substring(0, max) + "…";
    }
}

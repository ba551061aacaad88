package org.losslab.data;

/** Hears how a download goes, e.g. to draw a progress bar; every method has an empty default. */
public interface DownloadListener {

    /** Nothing to report to. */
    DownloadListener NONE = new DownloadListener() { };

    /**
     * A download of {@code totalBytes} (-1 when the server does not say) starts.
     *
     * @param url the file's URL
     * @param totalBytes its size, -1 when the server does not say
     */
    default void started(String url, long totalBytes) {
    }

    /**
     * {@code bytes} more arrived.
     *
     * @param bytes how many bytes
     */
    default void advanced(long bytes) {
    }

    /** The download ended, well or not. */
    default void ended() {
    }
}

package org.losslab.data;

/** Hears how a download goes, e.g. to draw a progress bar; every method has an empty default. */
public interface DownloadProgress {

    /** Nothing to report to. */
    DownloadProgress NONE = new DownloadProgress() { };

    /** A download of {@code totalBytes} (-1 when the server does not say) starts. */
    default void started(String url, long totalBytes) {
    }

    /** {@code bytes} more arrived. */
    default void advanced(long bytes) {
    }

    /** The download ended, well or not. */
    default void ended() {
    }
}

package org.losslab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.losslab.io.AtomicFiles;
import org.losslab.io.Checksums;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file into place: to a temporary name beside the target, checked against the canonical MD5, then
 * moved; nothing half-written is ever left under the final name, and the temporary file is always removed.
 */
final class Downloader {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    /** Larger than any MNIST-format file (Fashion-MNIST's training images are 26 MB). */
    private static final long MAX_BYTES = 200L << 20;

    private final Duration timeout;
    private final int attempts;
    private final DownloadListener progress;

    Downloader(Duration timeout, int attempts) {
        this(timeout, attempts, DownloadListener.NONE);
    }

    Downloader(Duration timeout, int attempts, DownloadListener progress) {
        this.timeout = timeout;
        this.attempts = attempts;
        this.progress = progress;
    }

    /** A failure of one URL; {@code retry} tells whether trying again may help. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean retry;

        Failure(String message, boolean retry) {
            super(message);
            this.retry = retry;
        }
    }

    /**
     * Downloads {@code url} to {@code target}, trying up to {@code attempts} times while failures may pass.
     *
     * @param gzMd5      the canonical MD5 of the file as served
     * @param contentMd5 the canonical MD5 of its decompressed content (accepted too, for recompressed copies)
     * @throws Failure with a message naming the URL and what went wrong
     */
    void download(URI url, Path target, String gzMd5, String contentMd5) throws Failure {
        Failure last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                fetchOnce(url, target, gzMd5, contentMd5);
                return;
            } catch (Failure failure) {
                last = failure;
                LOG.info("{} (attempt {} of {})", failure.getMessage(), attempt, attempts);
                if (!failure.retry) {
                    break;
                }
            }
        }
        throw last;
    }

    private void fetchOnce(URI url, Path target, String gzMd5, String contentMd5) throws Failure {
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            removeStaleParts(target);
            temporary = AtomicFiles.temporaryBeside(target);
            temporary.toFile().deleteOnExit(); // Ctrl-C or SIGTERM mid-download leaves nothing behind
            URLConnection connection = url.toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("User-Agent", "LossLab");
            if (connection instanceof HttpURLConnection http) {
                http.setInstanceFollowRedirects(true);
                int status = http.getResponseCode();
                if (status != HttpURLConnection.HTTP_OK) {
                    http.disconnect();
                    throw new Failure(url + ": HTTP " + status
                            + (http.getResponseMessage() == null ? "" : " " + http.getResponseMessage()),
                            status >= 500 || status == 429);
                }
            }
            MessageDigest digest = Checksums.md5();
            long total = 0;
            progress.started(url.toString(), connection.getContentLengthLong());
            try (InputStream in = new DigestInputStream(connection.getInputStream(), digest);
                 OutputStream out = Files.newOutputStream(temporary)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new Failure(url + ": larger than " + (MAX_BYTES >> 20) + " MB; not an MNIST file",
                                false);
                    }
                    out.write(buffer, 0, n);
                    progress.advanced(n);
                }
            } finally {
                progress.ended();
            }
            String md5 = HexFormat.of().formatHex(digest.digest());
            if (!md5.equals(gzMd5) && !contentMatches(temporary, contentMd5)) {
                throw new Failure(url + ": MD5 " + md5 + " does not match the canonical " + gzMd5
                        + " (" + total + " bytes); the file was discarded", false);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("{}: {} bytes, MD5 verified, saved as {}", url, total, target);
        } catch (SocketTimeoutException e) {
            throw new Failure(url + ": timed out after " + timeout.toSeconds() + " s (" + e.getMessage() + ")",
                    true);
        } catch (IOException e) {
            throw new Failure(url + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), true);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    LOG.warn("could not remove {}: {}", temporary, e.toString());
                }
            }
        }
    }

    /**
     * Removes what a download of {@code target} killed earlier left ({@link AtomicFiles#isTemporary}): those
     * untouched for longer than the read timeout, so that a download
     * still running in another process keeps its file.
     */
    private void removeStaleParts(Path target) throws IOException {
        java.nio.file.attribute.FileTime cutoff = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(timeout));
        try (var files = Files.list(target.toAbsolutePath().getParent())) {
            for (Path file : files.toList()) {
                if (AtomicFiles.isTemporary(file, target) && Files.getLastModifiedTime(file).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(file);
                    LOG.info("removed {}, left by a download that was stopped", file);
                }
            }
        }
    }

    private static boolean contentMatches(Path file, String contentMd5) {
        if (contentMd5 == null) {
            return false;
        }
        try (InputStream in = Idx.decompressed(() -> Files.newInputStream(file))) {
            return contentMd5.equals(Checksums.md5(in));
        } catch (IOException e) {
            return false;
        }
    }
}

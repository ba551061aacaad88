package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.io.Checksums;

/** Downloads against a server on 127.0.0.1: verified files land whole, bad ones leave nothing behind. */
class DownloaderTest {

    private static final byte[] CONTENT = "IDX bytes, pretend".repeat(1000).getBytes();
    private static final String MD5 = Checksums.md5(CONTENT);

    @TempDir
    Path cache;
    private TestHttpServer server;
    private final Downloader downloader = new Downloader(Duration.ofMillis(800), 2);

    @BeforeEach
    void start() throws IOException {
        server = new TestHttpServer();
        server.put("file.gz", CONTENT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path target() {
        return cache.resolve("file.gz");
    }

    private void assertCacheEmpty() throws IOException {
        try (var files = Files.list(cache)) {
            assertThat(files).as("nothing, not even a temporary file, is left in the cache").isEmpty();
        }
    }

    @Test
    void whatAKilledDownloadLeftIsRemovedByTheNextOne() throws Exception {
        Files.createDirectories(cache);
        Path killed = Files.writeString(cache.resolve(".file.gz.3k2j1.part"), "half a download");
        Files.setLastModifiedTime(killed, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minusSeconds(3600)));
        Path running = Files.writeString(cache.resolve(".file.gz.9zz8y.part"), "another process, still going");
        Path other = Files.writeString(cache.resolve(".other.gz.aaaa.part"), "another file's");
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minusSeconds(3600)));
        downloader.download(URI.create(server.base("good") + "file.gz"), target(), MD5, null);
        try (var files = Files.list(cache)) {
            assertThat(files).containsExactlyInAnyOrder(target(), running, other);
        }
    }

    @Test
    void aGoodFileLandsVerified() throws Exception {
        downloader.download(URI.create(server.base("good") + "file.gz"), target(), MD5, null);
        assertThat(target()).hasBinaryContent(CONTENT);
        try (var files = Files.list(cache)) {
            assertThat(files).containsExactly(target());
        }
    }

    @Test
    void progressHearsTheSizeEveryByteAndTheEnd() throws Exception {
        long[] heard = new long[3];
        DownloadListener progress = new DownloadListener() {
            @Override
            public void started(String url, long totalBytes) {
                heard[0] = totalBytes;
            }

            @Override
            public void advanced(long bytes) {
                heard[1] += bytes;
            }

            @Override
            public void ended() {
                heard[2]++;
            }
        };
        new Downloader(Duration.ofMillis(800), 1, progress).download(URI.create(server.base("good") + "file.gz"),
                target(), MD5, null);
        assertThat(heard).containsExactly(CONTENT.length, CONTENT.length, 1);
    }

    @Test
    void aCorruptedFileIsRejectedAndDiscarded() throws IOException {
        String url = server.base("corrupt") + "file.gz";
        assertThatThrownBy(() -> downloader.download(URI.create(url), target(), MD5, null))
                .isInstanceOf(Downloader.Failure.class)
                .hasMessageStartingWith(url + ": MD5 ")
                .hasMessageContaining("does not match the canonical " + MD5)
                .hasMessageContaining("discarded");
        assertCacheEmpty();
        assertThat(server.requests.get()).as("a wrong MD5 is not retried").isEqualTo(1);
    }

    @Test
    void aRecompressedCopyOfTheCanonicalContentIsAccepted() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(CONTENT);
        }
        server.put("copy.gz", gz.toByteArray());
        downloader.download(URI.create(server.base("good") + "copy.gz"), cache.resolve("copy.gz"),
                "00000000000000000000000000000000", MD5);
        assertThat(cache.resolve("copy.gz")).hasBinaryContent(gz.toByteArray());
    }

    @Test
    void aStalledServerTimesOutWithoutHangingOrLeavingAPartialFile() throws IOException {
        String url = server.base("slow") + "file.gz";
        assertThatThrownBy(() -> downloader.download(URI.create(url), target(), MD5, null))
                .isInstanceOf(Downloader.Failure.class)
                .hasMessageStartingWith(url + ": timed out after");
        assertCacheEmpty();
        assertThat(server.requests.get()).as("a time-out is retried").isEqualTo(2);
    }

    @Test
    void forbiddenAndMissingAreReportedWithTheirStatus() throws IOException {
        for (int status : new int[] {403, 404}) {
            String url = server.base("status/" + status) + "file.gz";
            assertThatThrownBy(() -> downloader.download(URI.create(url), target(), MD5, null))
                    .isInstanceOf(Downloader.Failure.class)
                    .hasMessageStartingWith(url + ": HTTP " + status);
        }
        assertCacheEmpty();
        assertThat(server.requests.get()).as("4xx is not retried").isEqualTo(2);
    }

    @Test
    void aPassingServerErrorIsRetried() throws Exception {
        downloader.download(URI.create(server.base("flaky") + "file.gz"), target(), MD5, null);
        assertThat(target()).hasBinaryContent(CONTENT);
        assertThat(server.requests.get()).isEqualTo(2);
    }

    @Test
    void aClosedPortIsAConnectionFailure() throws IOException {
        String url;
        try (TestHttpServer other = new TestHttpServer()) {
            url = other.base("good") + "file.gz";
        }
        String closed = url;
        assertThatThrownBy(() -> downloader.download(URI.create(closed), target(), MD5, null))
                .isInstanceOf(Downloader.Failure.class).hasMessageStartingWith(closed + ": ");
        assertCacheEmpty();
    }
}

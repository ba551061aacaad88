package org.losslab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.RunStatus;

/**
 * The driver's end of the streamed checkpoints, posted to on 127.0.0.1: what it takes into a candidate's folder,
 * and the posts it refuses (no token, a candidate not in flight, an older epoch, a finished record, a crafted zip).
 */
class CheckpointReceiverTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private CheckpointReceiver receiver;
    private Path run;
    private Path candidate;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        receiver = CheckpointReceiver.start("127.0.0.1", "127.0.0.1", 0);
        // a real run record: one epoch of a tiny training on the bundled sample
        run = dir.resolve("trained");
        SparkRuns.trainOneEpochOfTwo(run);
        candidate = dir.resolve("search").resolve("candidate-002");
        Files.createDirectories(candidate.getParent());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private int post(String token, String name, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiver.uri() + "?candidate=" + name))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header(CheckpointReceiver.TOKEN_HEADER, token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aCheckpointOfACandidateInFlightLandsInItsFolderFileByFile() throws Exception {
        assertThat(receiver.uri().getHost()).isEqualTo("127.0.0.1");
        receiver.expect(candidate);
        assertThat(post(receiver.token(), "candidate-002", FolderZip.zip(run))).isEqualTo(204);
        RunRecord taken = RunRecord.read(candidate);
        assertThat(taken.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(taken.completedEpochs()).isEqualTo(1);
        assertThat(candidate.resolve("model.zip")).hasSameBinaryContentAs(run.resolve("model.zip"));
        assertThat(candidate.resolve(org.losslab.io.FolderLock.FILE)).doesNotExist();

        // the same epoch again (a retried attempt behind it) changes nothing
        assertThat(post(receiver.token(), "candidate-002", FolderZip.zip(run))).isEqualTo(409);
        // once the result is back, nothing more is taken
        receiver.done(candidate);
        assertThat(post(receiver.token(), "candidate-002", FolderZip.zip(run))).isEqualTo(404);
    }

    @Test
    void postsWithoutTheTokenOrForOtherCandidatesAreRefusedAndWriteNothing() throws Exception {
        receiver.expect(candidate);
        byte[] zip = FolderZip.zip(run);
        assertThat(post(null, "candidate-002", zip)).isEqualTo(403);
        assertThat(post("0".repeat(32), "candidate-002", zip)).isEqualTo(403);
        assertThat(post(receiver.token(), "candidate-003", zip)).isEqualTo(404);
        assertThat(post(receiver.token(), "../candidate-002", zip)).isEqualTo(404);
        assertThat(client.send(HttpRequest.newBuilder(receiver.uri()).GET()
                .header(CheckpointReceiver.TOKEN_HEADER, receiver.token()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
        assertThat(candidate).doesNotExist();
    }

    @Test
    void craftedOrFinishedFoldersAreRefused() throws Exception {
        receiver.expect(candidate);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("../candidate-003/run.json"));
            zip.write(Files.readAllBytes(run.resolve("run.json")));
            zip.closeEntry();
        }
        assertThat(post(receiver.token(), "candidate-002", bytes.toByteArray())).isEqualTo(400);
        assertThat(post(receiver.token(), "candidate-002", "not a zip".getBytes())).isEqualTo(400);
        assertThat(candidate.getParent().resolve("candidate-003")).doesNotExist();

        Path finished = run.resolveSibling("finished");
        SparkRuns.trainOneEpoch(finished);
        assertThat(RunRecord.read(finished).status()).isEqualTo(RunStatus.FINISHED);
        assertThat(post(receiver.token(), "candidate-002", FolderZip.zip(finished))).isEqualTo(409);
        assertThat(candidate.resolve("run.json")).doesNotExist();
    }
}

package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.Training;
import org.losslab.preset.NetworkSpec;

/** The UI server: loopback only by default, DL4J's pages and data, a taken port in one line. Loopback traffic only. */
class UiServerTest {

    @TempDir
    static Path dir;
    static Path run;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void trainAShortRun() throws IOException {
        DataSpec sample = DataSpec.of(Dataset.SAMPLE).withLimits(1000, 200);
        run = Training.run(Experiment.of(NetworkSpec.defaults().withSeed(2), sample).withEpochs(2),
                MnistData.load(sample), dir.resolve("run"), new Training.Progress() { }).folder();
    }

    private HttpResponse<String> get(UiServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.address().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void byDefaultOnlyThisMachineCanConnect() throws IOException {
        try (UiServer server = UiServer.start(UiServer.LOOPBACK, 0)) {
            assertThat(server.address().toString()).startsWith("http://127.0.0.1:");
            assertThat(Listening.addresses(server.port())).isNotEmpty().allSatisfy(hex ->
                    assertThat(Listening.loopback(hex)).as("listening on %s", hex).isTrue());
        }
    }

    @Test
    void servesDl4jsPagesAndTheRunsStatistics() throws Exception {
        FileStatsStorage stats = new FileStatsStorage(run.resolve("stats.dl4j").toFile());
        try (UiServer server = UiServer.start(UiServer.LOOPBACK, 0)) {
            server.attach(stats);
            HttpResponse<String> root = get(server, "/");
            assertThat(root.statusCode()).isEqualTo(302);
            assertThat(root.headers().firstValue("location")).hasValue("/train/overview");
            assertThat(get(server, "/train/overview").body()).contains("<html").contains("/assets/");
            String data = get(server, "/train/overview/data").body();
            assertThat(data).contains("\"scores\"").contains("\"updateRatios\"");
            assertThat(get(server, "/train/model/graph").statusCode()).isEqualTo(200);
            assertThat(get(server, "/assets/webjars/jquery/2.2.0/jquery.min.js").statusCode()).isEqualTo(200);
            assertThat(get(server, "/arbiter").statusCode()).isEqualTo(200);
        } finally {
            stats.close();
        }
    }

    @Test
    void aTakenPortIsOneClearMessage() {
        try (UiServer first = UiServer.start(UiServer.LOOPBACK, 0)) {
            assertThatThrownBy(() -> UiServer.start(UiServer.LOOPBACK, first.port()))
                    .isInstanceOf(UiException.class)
                    .hasMessage("--ui-port " + first.port() + ": already in use on 127.0.0.1 (choose another port, or 0"
                            + " for any free one)");
        }
    }

    @Test
    void afterCloseNothingListens() throws Exception {
        UiServer server = UiServer.start(UiServer.LOOPBACK, 0);
        URI address = server.address();
        int port = server.port();
        server.close();
        assertThat(Listening.addresses(port)).isEmpty();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(address).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
    }
}

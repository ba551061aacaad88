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
import org.losslab.experiment.TrainingListener;
import org.losslab.preset.NetworkSpec;
import org.losslab.testing.Listening;

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
                MnistData.load(sample), dir.resolve("run"), TrainingListener.NONE).folder();
    }

    private HttpResponse<String> get(UiServer server, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.address().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What DL4J's remote router posts (as Spark executors do with --live) lands in the storage; nothing else does. */
    @Test
    void statisticsPostedByDl4jsRemoteRouterAreReceivedAndNoOtherClassIsBuilt() throws Exception {
        FileStatsStorage stats = new FileStatsStorage(run.resolve("stats.dl4j").toFile());
        org.deeplearning4j.ui.model.storage.InMemoryStatsStorage received =
                new org.deeplearning4j.ui.model.storage.InMemoryStatsStorage();
        String session = stats.listSessionIDs().get(0);
        String type = org.deeplearning4j.ui.model.stats.StatsListener.TYPE_ID;
        String worker = stats.listWorkerIDsForSession(session).get(0);
        java.util.List<org.deeplearning4j.core.storage.Persistable> updates =
                stats.getAllUpdatesAfter(session, type, worker, 0);
        assertThat(updates).isNotEmpty();
        java.util.List<org.deeplearning4j.core.storage.Persistable> epochs =
                stats.getAllUpdatesAfter(session, org.losslab.experiment.EpochReport.TYPE_ID, 0);
        assertThat(epochs).as("LossLab's record of each epoch").hasSize(2);
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(updates.size()
                + epochs.size());
        received.registerStatsStorageListener(new org.deeplearning4j.core.storage.StatsStorageListener() {
            @Override
            public void notify(org.deeplearning4j.core.storage.StatsStorageEvent event) {
                if (event.getEventType() == org.deeplearning4j.core.storage.StatsStorageListener.EventType.PostUpdate) {
                    arrived.countDown();
                }
            }
        });
        try (UiServer server = UiServer.start(UiServer.LOOPBACK, 0)) {
            server.receive(received);
            org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter router =
                    new org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter(server.address().toString());
            try {
                router.putStorageMetaData(stats.getStorageMetaData(session, type));
                router.putStaticInfo(stats.getStaticInfo(session, type, worker));
                router.putUpdate(updates);
                router.putStaticInfo(stats.getStaticInfo(session, org.losslab.experiment.EpochReport.TYPE_ID, worker));
                router.putUpdate(epochs);
                assertThat(arrived.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("every update arrived").isTrue();
            } finally {
                router.shutdown();
            }
            assertThat(received.listSessionIDs()).containsExactly(session);
            assertThat(received.getStaticInfo(session, type, worker).encode())
                    .isEqualTo(stats.getStaticInfo(session, type, worker).encode());
            assertThat(received.getAllUpdatesAfter(session, type, worker, 0)).hasSize(updates.size());
            assertThat(received.getAllUpdatesAfter(session, org.losslab.experiment.EpochReport.TYPE_ID, 0))
                    .extracting(p -> ((org.losslab.experiment.EpochReport) p).epoch()).containsExactlyInAnyOrder(1, 2);

            assertThat(post(server, "{\"type\": \"update\", \"class\": \"java.lang.ProcessBuilder\", \"data\": \"AA==\"}"))
                    .isEqualTo("400 class java.lang.ProcessBuilder is not one of DL4J's, Arbiter's or LossLab's statistics records");
            assertThat(post(server, "{\"type\": \"metadata\", \"class\": \"java.io.File\", \"data\": \"AA==\"}"))
                    .isEqualTo("400 class java.io.File is not DL4J's storage metadata");
            assertThat(post(server, "not json")).isEqualTo("400 not JSON");
            assertThat(post(server, "{\"type\": \"update\", \"class\": \""
                    + org.deeplearning4j.ui.model.stats.impl.SbeStatsReport.class.getName() + "\", \"data\": \"AAAA\"}"))
                    .startsWith("400 data does not decode as org.deeplearning4j.ui.model.stats.impl.SbeStatsReport");
            assertThat(received.getAllUpdatesAfter(session, type, worker, 0)).hasSize(updates.size());
        } finally {
            stats.close();
        }
    }

    /** DL4J's overview data gets the session's start time, its runtime and the validation accuracy per epoch. */
    @Test
    void theOverviewHasItsStartTimeRuntimeAndValidationAccuracyPerEpoch() throws Exception {
        FileStatsStorage stats = new FileStatsStorage(run.resolve("stats.dl4j").toFile());
        try (UiServer server = UiServer.start(UiServer.LOOPBACK, 0)) {
            server.attach(stats);
            HttpResponse<String> response = get(server, "/train/overview/data");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(response.body());
            assertThat(data.at("/perf/0/1").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(data.at("/perf/1/1").asText()).matches("\\d+ s|\\d+ min \\d\\d s");
            assertThat(data.at("/perf/3/1").asText()).as("DL4J's own figures stay").isNotEmpty();
            java.util.List<org.losslab.experiment.EpochMetrics> metrics =
                    org.losslab.experiment.RunRecord.read(run).metrics();
            com.fasterxml.jackson.databind.JsonNode accuracy = data.at("/losslab/validationAccuracy");
            assertThat(accuracy).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(accuracy.get(i).get(0).asInt()).isEqualTo(i + 1);
                assertThat(accuracy.get(i).get(1).asDouble())
                        .isCloseTo(100 * metrics.get(i).validationAccuracy(), org.assertj.core.data.Offset.offset(1e-9));
            }
        } finally {
            stats.close();
        }
        assertThat(OverviewData.duration(42_400)).isEqualTo("42 s");
        assertThat(OverviewData.duration(187_000)).isEqualTo("3 min 07 s");
        assertThat(OverviewData.duration(7_500_000)).isEqualTo("2 h 05 min");
        assertThat(OverviewData.withLossLab("not json", null, "s")).isEqualTo("not json");
    }

    /** The overview script is DL4J's with LossLab's chart of the epochs appended. */
    @Test
    void theOverviewScriptCarriesTheEpochChart() throws Exception {
        try (UiServer server = UiServer.start(UiServer.LOOPBACK, 0)) {
            String script = get(server, "/assets/js/train/overview.js").body();
            assertThat(script).contains("function renderModelPerformanceTable(data)")
                    .contains("Validation accuracy per epoch (%)");
            assertThat(script.indexOf("Validation accuracy per epoch"))
                    .isGreaterThan(script.indexOf("function renderModelPerformanceTable(data)"));
        }
    }

    private String post(UiServer server, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.address().resolve("/remoteReceive"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
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

    /** Sends a request line with the path exactly as given (no client normalises it); returns status and body. */
    private static String[] raw(UiServer server, String path) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(UiServer.LOOPBACK, server.port())) {
            socket.setSoTimeout(10_000); // a failure, not a wait: a refused path must be answered at once
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String response = new String(socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            String status = response.isEmpty() ? "" : response.substring(9, 12);
            int body = response.indexOf("\r\n\r\n");
            return new String[] {status, body < 0 ? "" : response.substring(body + 4)};
        }
    }

    @Test
    void assetPathsNeverLeaveTheUisOwnResourcesInAnyEncoding() throws Exception {
        // As many segments before "webjars" as ".." after it: the router's normalised path stays under /assets/,
        // which is how the raw path reached /etc/passwd before (checked against the old handler).
        String deep = "a/".repeat(20);
        String up = "../".repeat(20);
        java.util.List<String> attacks = java.util.List.of(
                "/assets/" + deep + "webjars/" + up + "etc/passwd",
                "/assets/" + deep + up + "etc/passwd",
                "/assets/" + deep + "webjars/" + "%2e%2e/".repeat(20) + "etc/passwd",
                "/assets/" + deep + "webjars/" + "%2E%2E%2F".repeat(20) + "etc%2Fpasswd",
                "/assets/" + deep + "webjars/" + "%252e%252e/".repeat(20) + "etc/passwd",
                "/assets/" + deep + "webjars/" + "..%5c".repeat(20) + "etc%5cpasswd",
                "/assets/" + deep + "webjars/" + "%c0%ae%c0%ae/".repeat(20) + "etc/passwd",
                "/assets/" + deep + "webjars/" + up + "etc/passwd%00.js",
                "/assets//etc/passwd",
                "/assets/file:/etc/passwd",
                "/assets/" + dir.toAbsolutePath().toString().substring(1) + "/run/run.json",
                "/assets/css/" + deep + up + "META-INF/MANIFEST.MF");
        try (UiServer server = UiServer.start(UiServer.LOOPBACK, 0)) {
            for (int round = 0; round < 2; round++) { // before and after a webjar was served
                for (String attack : attacks) {
                    String[] response = raw(server, attack);
                    assertThat(response[0]).as(attack).isEqualTo("404");
                    assertThat(response[1]).as(attack).doesNotContain("root:").doesNotContain("Manifest");
                }
                assertThat(raw(server, "/assets/webjars/jquery/2.2.0/jquery.min.js")[0]).isEqualTo("200");
                assertThat(raw(server, "/assets/css/style.css")[0]).isEqualTo("200");
            }
            assertThat(raw(server, "/assets/webjars/jquery/2.2.0/no-such-file.js")[0]).isEqualTo("404");
            assertThat(raw(server, "/assets/webjars/jquery")[0]).as("a folder").isEqualTo("404");
            assertThat(raw(server, "/assets/webjars/jquery/2.2.0/")[0]).as("a folder").isEqualTo("404");
        }
    }

    @Test
    void anAddressOfAnotherMachineIsRefusedBeforeAnythingListens() {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine; no packet is sent to it.
        assertThatThrownBy(() -> UiServer.start("192.0.2.1", 0))
                .isInstanceOf(UiException.class)
                .hasMessage("host 192.0.2.1: 192.0.2.1 is not an address of this machine (use 127.0.0.1, or "
                        + "0.0.0.0 for every interface)");
        assertThat(UiServer.reachableFromNetwork("127.0.0.1")).isFalse();
        assertThat(UiServer.reachableFromNetwork("127.0.0.2")).isFalse();
        assertThat(UiServer.reachableFromNetwork("0.0.0.0")).isTrue();
    }

    @Test
    void aTakenPortIsOneClearMessage() {
        try (UiServer first = UiServer.start(UiServer.LOOPBACK, 0)) {
            assertThatThrownBy(() -> UiServer.start(UiServer.LOOPBACK, first.port()))
                    .isInstanceOf(UiException.class)
                    .hasMessage("port " + first.port() + ": already in use on 127.0.0.1 (choose another port, or 0"
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

package org.losslab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium (Debian's {@code chromium}) driven over the Chrome DevTools Protocol, for end-to-end tests of
 * pages served on 127.0.0.1. Opens pages, evaluates JavaScript in them and takes screenshots.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    Browser() throws IOException, InterruptedException {
        profile = Files.createTempDirectory("chromium-profile");
        process = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--window-size=1400,1000", "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI devtools = null;
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        for (String line; (line = err.readLine()) != null; ) {
            int at = line.indexOf("DevTools listening on ");
            if (at >= 0) {
                devtools = URI.create(line.substring(at + "DevTools listening on ".length()).trim());
                break;
            }
        }
        if (devtools == null) {
            throw new IOException("chromium did not start its DevTools endpoint");
        }
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + devtools.getPort()
                + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String page = null;
        for (JsonNode target : JSON.readTree(list)) {
            if (target.path("type").asText().equals("page")) {
                page = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (page == null) {
            throw new IOException("chromium has no page target: " + list);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener()).join();
        call("Page.enable", JSON.createObjectNode());
    }

    /** Collects text frames into messages: answers complete their call, Page.loadEventFired completes a load. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> call = pending.remove(message.get("id").asInt());
                        if (call != null) {
                            call.complete(message);
                        }
                    } else if ("Page.loadEventFired".equals(message.path("method").asText())) {
                        loaded.complete(null);
                    }
                } catch (IOException e) {
                    pending.values().forEach(c -> c.completeExceptionally(e));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private JsonNode call(String method, ObjectNode params) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).join();
        try {
            JsonNode result = answer.get(60, TimeUnit.SECONDS);
            if (result.has("error")) {
                throw new IOException(method + ": " + result.get("error"));
            }
            return result.path("result");
        } catch (Exception e) {
            throw e instanceof IOException io ? io : new IOException(method + " failed", e);
        }
    }

    /** Opens a page and waits for its load event. */
    void open(URI url) throws IOException {
        loaded = new CompletableFuture<>();
        call("Page.navigate", JSON.createObjectNode().put("url", url.toString()));
        try {
            loaded.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("page did not load: " + url, e);
        }
    }

    /**
     * Evaluates {@code expression} in the page once {@code condition} (JavaScript) is true, checking it in the page
     * as the page's own scripts run, for up to 30 s; returns the value as JSON text.
     */
    String evaluateWhen(String condition, String expression) throws IOException {
        String script = "new Promise((resolve, reject) => { const start = Date.now(); (function check() {"
                + " let ok = false; try { ok = (" + condition + "); } catch (e) { }"
                + " if (ok) { resolve(JSON.stringify(" + expression + ")); }"
                + " else if (Date.now() - start > 30000) { reject(new Error('timed out waiting for: ' + "
                + JSON.valueToTree(condition) + ")); }"
                + " else { requestAnimationFrame(check); } })(); })";
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", script)
                .put("awaitPromise", true).put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("in the page: " + result.get("exceptionDetails").path("exception")
                    .path("description").asText(result.get("exceptionDetails").toString()));
        }
        return result.path("result").path("value").asText();
    }

    /** Saves a PNG screenshot of the page. */
    void screenshot(Path png) throws IOException {
        JsonNode result = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(result.path("data").asText()));
    }

    @Override
    public void close() throws IOException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        } catch (RuntimeException e) {
            // the browser goes anyway
        }
        // Chromium's helper processes (zygote, network service) outlive the main one for a moment and keep
        // writing to the profile: every one of them has ended before the profile is removed.
        java.util.List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle helper : helpers) {
                helper.destroy();
                try {
                    helper.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    helper.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a leftover temporary profile is harmless
        }
    }

}

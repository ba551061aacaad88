package org.losslab.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 for download tests. Paths: {@code /good/NAME} serves a file, {@code /corrupt/NAME}
 * serves it with one byte changed, {@code /slow/NAME} sends the headers and a few bytes and then stalls until
 * {@link #close()}, {@code /status/CODE/NAME} answers with that status, {@code /flaky/NAME} answers 503 once and
 * then serves the file.
 */
final class TestHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger flakyCalls = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "test-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    void put(String name, byte[] content) {
        files.put(name, content);
    }

    /** The base URL of a behaviour, e.g. {@code base("good")}. */
    String base(String behaviour) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String[] path = exchange.getRequestURI().getPath().split("/");
        String behaviour = path[1];
        String name = path[path.length - 1];
        byte[] content = files.get(name);
        try (exchange) {
            if (behaviour.equals("status")) {
                exchange.sendResponseHeaders(Integer.parseInt(path[2]), -1);
                return;
            }
            if (content == null || (behaviour.equals("flaky") && flakyCalls.getAndIncrement() == 0)) {
                exchange.sendResponseHeaders(content == null ? 404 : 503, -1);
                return;
            }
            if (behaviour.equals("corrupt")) {
                content = content.clone();
                content[content.length / 2] ^= 0x01;
            }
            exchange.sendResponseHeaders(200, content.length);
            OutputStream body = exchange.getResponseBody();
            if (behaviour.equals("slow")) {
                body.write(content, 0, Math.min(10, content.length));
                body.flush();
                release.await(60, TimeUnit.SECONDS);
                return;
            }
            body.write(content);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}

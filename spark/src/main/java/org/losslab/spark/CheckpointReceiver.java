package org.losslab.spark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiPredicate;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.RunStatus;
import org.losslab.io.Bounded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's end of the checkpoints that executors stream back while a candidate trains: after each epoch the
 * executor posts the run folder (its checkpoint {@code model.zip} with the record, {@code run.json}, statistics,
 * curves), and the receiver puts it in the candidate's folder in the search folder, file by file, each atomically.
 * A driver that is stopped mid-candidate so leaves the candidate's last epoch where a local search would have left
 * it, and the search resumes from there.
 *
 * <p>It listens on the driver's own address (127.0.0.1 with a master on this machine), on any free port unless
 * {@value #PORT} names one; it takes a checkpoint only with the application's random token, only for a candidate in
 * flight, and only one that counts more finished epochs than the folder's (a lost attempt's late post, or a retried
 * attempt behind it, changes nothing: the same seed trains the same epochs).
 */
final class CheckpointReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointReceiver.class);

    /** Spark setting: the port the driver takes checkpoints on (default 0: any free port). */
    static final String PORT = "spark.losslab.checkpointPort";
    /** Spark setting: {@code false} to train without streamed checkpoints (an interrupted candidate then restarts). */
    static final String ENABLED = "spark.losslab.checkpoints";
    /** The header that carries the token. */
    static final String TOKEN_HEADER = "X-LossLab-Token";
    static final String PATH = "/losslab/checkpoint";
    /** The body of the response to a checkpoint after which the candidate stops, pruned. */
    static final String PRUNE = "prune";
    /** The status of that response (a checkpoint taken otherwise gets 204, no content). */
    static final int PRUNED = 200;

    private final HttpServer server;
    private final ExecutorService threads;
    private final byte[] token;
    private final URI uri;
    private final Map<String, Path> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile BiPredicate<Path, RunRecord> received = (folder, record) -> false;

    private CheckpointReceiver(HttpServer server, ExecutorService threads, byte[] token, URI uri) {
        this.server = server;
        this.threads = threads;
        this.token = token;
        this.uri = uri;
    }

    /**
     * @param bindHost      the address to listen on
     * @param advertiseHost the address executors reach it by
     * @param port          the port, 0 for any free one
     */
    static CheckpointReceiver start(String bindHost, String advertiseHost, int port) throws IOException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        byte[] token = HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress(bindHost, port), 0);
        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "losslab-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        String host = advertiseHost.contains(":") ? "[" + advertiseHost + "]" : advertiseHost;
        URI uri = URI.create("http://" + host + ":" + server.getAddress().getPort() + PATH);
        CheckpointReceiver receiver = new CheckpointReceiver(server, threads, token, uri);
        server.createContext(PATH, receiver::handle);
        server.start();
        LOG.debug("taking checkpoints at {}", uri);
        return receiver;
    }

    /** {@return where executors post checkpoints} */
    URI uri() {
        return uri;
    }

    /** {@return the token a post must carry} */
    String token() {
        return new String(token, StandardCharsets.US_ASCII);
    }

    /** Takes checkpoints for the candidate whose run folder is {@code folder}, until {@link #done(Path)}. */
    void expect(Path folder) {
        inFlight.put(folder.getFileName().toString(), folder);
    }

    /** Takes no more checkpoints for the candidate (its result came back, or the driver gave up on it). */
    void done(Path folder) {
        String name = folder.getFileName().toString();
        synchronized (lock(name)) {
            inFlight.remove(name);
        }
    }

    /**
     * Hears each checkpoint taken, after it is in the candidate's folder, and answers whether the candidate is to be
     * pruned there (the executor is told so in the response, {@value #PRUNE}).
     */
    void onReceived(BiPredicate<Path, RunRecord> hook) {
        received = hook;
    }

    private Object lock(String name) {
        return locks.computeIfAbsent(name, n -> new Object());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = take(exchange);
            // what a refused post sent is read to its end: a response before the body is read resets the
            // connection, and the sender would take that for a driver it cannot reach
            try (InputStream rest = exchange.getRequestBody()) {
                byte[] sink = new byte[1 << 16];
                long left = FolderZip.MAX_BYTES;
                for (int n; left > 0 && (n = rest.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
                    left -= n;
                }
            }
            if (status == PRUNED) {
                byte[] body = PRUNE.getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(status, -1);
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("a checkpoint from {} was not taken: {}", exchange.getRemoteAddress(), e.toString());
        }
    }

    private int take(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return 405;
        }
        String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.US_ASCII))) {
            return 403;
        }
        String query = exchange.getRequestURI().getRawQuery();
        String name = query != null && query.startsWith("candidate=") ? query.substring("candidate=".length()) : "";
        Path folder = inFlight.get(name);
        if (folder == null) {
            return 404;
        }
        byte[] zip;
        try {
            zip = Bounded.readAll(exchange.getRequestBody(), FolderZip.MAX_BYTES); // closed by handle
        } catch (Bounded.TooLargeException e) {
            return 413;
        }
        synchronized (lock(name)) {
            if (!inFlight.containsKey(name)) {
                return 404;
            }
            Path incoming = org.losslab.io.AtomicFiles.temporaryBeside(folder);
            Files.delete(incoming);
            try {
                FolderZip.unzip(zip, incoming, "a checkpoint from " + exchange.getRemoteAddress());
                RunRecord record = RunRecord.read(incoming);
                int have = Files.exists(folder.resolve("run.json")) ? RunRecord.read(folder).completedEpochs() : -1;
                if (record.status() != RunStatus.RUNNING || record.completedEpochs() <= have) {
                    return 409;
                }
                FolderZip.update(incoming, folder, false);
                LOG.debug("checkpoint of {} after epoch {}", folder, record.completedEpochs());
                return received.test(folder, record) ? PRUNED : 204;
            } catch (org.losslab.io.BadFileException | IllegalArgumentException e) {
                LOG.warn("a checkpoint for {} was refused: {}", folder, e.getMessage());
                return 400;
            } finally {
                FolderZip.delete(incoming);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

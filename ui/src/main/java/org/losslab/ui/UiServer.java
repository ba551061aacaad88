package org.losslab.ui;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.deeplearning4j.arbiter.ui.module.ArbiterModule;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.core.storage.StatsStorageListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NProvider;
import org.deeplearning4j.ui.model.storage.impl.QueueStatsStorageListener;
import org.deeplearning4j.ui.module.defaultModule.DefaultModule;
import org.deeplearning4j.ui.module.train.TrainModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DL4J's browser UI (its training pages and Arbiter's search pages) on a server that LossLab starts itself, so it
 * listens where LossLab says: beta7's own {@code VertxUIServer} always listens on every interface and takes its port
 * only from an environment variable. The modules are DL4J's; LossLab mounts their routes and routes the stats
 * events to them, as {@code VertxUIServer} does, without its polling delay.
 */
public final class UiServer implements AutoCloseable {

    /** Where a safe server listens: only this machine can reach it. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(UiServer.class);
    private static final StatsStorageEvent STOP = new StatsStorageEvent(null, null, null, null, null, 0);

    /** The largest request body the server reads: a statistics update of the largest lecture network, with room. */
    static final long MAX_BODY = 32L << 20;

    private final Vertx vertx;
    private final HttpServer server;
    private final String host;
    private final List<UIModule> modules;
    private final List<StatsStorage> attached;
    private final List<StatsStorageListener> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<StatsStorageEvent> events = new LinkedBlockingQueue<>();
    private final Thread router;

    private final Router routes;

    private UiServer(Vertx vertx, HttpServer server, String host, List<UIModule> modules, Router routes,
                     List<StatsStorage> attached) {
        this.attached = attached;
        this.vertx = vertx;
        this.routes = routes;
        this.server = server;
        this.host = host;
        this.modules = modules;
        this.router = new Thread(this::routeEvents, "losslab-ui-events");
        router.setDaemon(true);
        router.start();
    }

    /**
     * Starts a server on {@code host} (e.g. {@link #LOOPBACK}) and {@code port} (0 = any free port).
     *
     * @throws UiException naming the host and port when the port is taken or the address is not this machine's
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @return the running server
     */
    public static UiServer start(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new org.losslab.io.SpecException("port", "must be 0 to 65535, got " + port);
        }
        checkHost(host);
        Shim.install();
        TrainModule train = new TrainModule();
        List<UIModule> modules = List.of(new DefaultModule(false), train, new ArbiterModule());
        List<StatsStorage> attached = new CopyOnWriteArrayList<>();
        Vertx vertx = Vertx.vertx();
        Router routes = Router.router(vertx);
        routes.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        routes.get(Assets.PREFIX + "*").handler(UiServer::asset);
        routes.get("/setlang/:to").handler(rc -> {
            I18NProvider.getInstance().setDefaultLanguage(rc.request().getParam("to"));
            rc.response().end();
        });
        for (UIModule module : modules) {
            for (Route route : module.getRoutes()) {
                io.vertx.ext.web.Route mounted = switch (route.getHttpMethod()) {
                    case GET -> routes.get(route.getRoute());
                    case PUT -> routes.put(route.getRoute());
                    case POST -> routes.post(route.getRoute());
                    default -> throw new IllegalStateException("unsupported method " + route.getHttpMethod());
                };
                if (route.getRoute().endsWith("/overview/data")) {
                    // beta7 leaves the start time and runtime empty and has no validation accuracy: LossLab adds them
                    mounted.handler(rc -> {
                        List<String> arguments = arguments(route.getRoute(), rc);
                        OverviewData.serve(rc, caught -> route.getConsumer().accept(arguments, caught),
                                arguments.isEmpty() ? currentSession(train) : Optional.of(arguments.get(0)), attached);
                    });
                } else {
                    mounted.handler(rc -> route.getConsumer().accept(arguments(route.getRoute(), rc), rc));
                }
            }
        }
        CompletableFuture<HttpServer> listening = new CompletableFuture<>();
        vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(routes)
                .listen(result -> {
                    if (result.succeeded()) {
                        listening.complete(result.result());
                    } else {
                        listening.completeExceptionally(result.cause());
                    }
                });
        try {
            HttpServer server = listening.get(30, TimeUnit.SECONDS);
            UiServer ui = new UiServer(vertx, server, host, modules, routes, attached);
            Shim.serving(ui.address().toString().replaceAll("/$", ""));
            LOG.info("DL4J UI at {}", ui.address());
            return ui;
        } catch (ExecutionException e) {
            vertx.close();
            Throwable cause = e.getCause();
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("in use")) {
                throw new UiException("port " + port + ": already in use on " + host
                        + " (choose another port, or 0 for any free one)", cause);
            }
            throw new UiException("host " + host + ", port " + port + ": cannot listen there ("
                    + cause.getMessage() + ")", cause);
        } catch (TimeoutException e) {
            vertx.close();
            throw new UiException("the UI server did not start within 30 s", e);
        } catch (InterruptedException e) {
            vertx.close();
            Thread.currentThread().interrupt();
            throw new UiException("interrupted while starting the UI server", e);
        }
    }

    /** The session DL4J's training pages show when the request names none (its module keeps it to itself). */
    private static Optional<String> currentSession(TrainModule train) {
        try {
            java.lang.reflect.Field field = TrainModule.class.getDeclaredField("currentSessionID");
            field.setAccessible(true);
            return Optional.ofNullable((String) field.get(train));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a server on {@code host} can be reached from other machines: every address but the loopback ones
     * ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}).
     *
     * @param host the address to listen on
     * @return whether a server on {@code host} can be reached from other machines: every address but the loopback
     *         ones ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost})
     */
    public static boolean reachableFromNetwork(String host) {
        try {
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** Refuses a host that is no address of this machine, before anything listens. */
    private static void checkHost(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UiException("host " + host + ": unknown host", e);
        }
        boolean local;
        try {
            local = address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            local = false;
        }
        if (!local) {
            throw new UiException("host " + host + ": " + address.getHostAddress() + " is not an address of "
                    + "this machine (use 127.0.0.1, or 0.0.0.0 for every interface)", null);
        }
    }

    /** {@return the address to open in a browser, such as {@code http://127.0.0.1:9000/}} */
    public URI address() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + server.actualPort() + "/");
    }

    /** {@return the port the server listens on} */
    public int port() {
        return server.actualPort();
    }

    /**
     * Shows a stats storage (a run's, or a search's) in the UI.
     *
     * @param storage the statistics to show
     */
    public void attach(StatsStorage storage) {
        if (attached.contains(storage)) {
            return;
        }
        StatsStorageListener listener = new QueueStatsStorageListener(events);
        storage.registerStatsStorageListener(listener);
        listeners.add(listener);
        attached.add(storage);
        for (UIModule module : modules) {
            module.onAttach(storage);
        }
    }

    /**
     * Takes the training statistics that DL4J's {@code RemoteUIStatsStorageRouter} posts to {@code /remoteReceive}
     * (LossLab's Spark executors with {@code --live}) into {@code storage}, which the UI then shows. Only DL4J's and
     * Arbiter's statistics records are accepted, built by LossLab from a fixed list of classes (DL4J's own receiver
     * instantiates any class a request names).
     *
     * @param storage where the posted statistics go
     */
    public void receive(StatsStorage storage) {
        attach(storage);
        RemoteReceiver receiver = new RemoteReceiver(storage);
        routes.post(RemoteReceiver.PATH).handler(receiver::handle);
    }

    /** Stops the server; the storages stay open (their owners close them). */
    @Override
    public void close() {
        events.add(STOP);
        for (int i = 0; i < attached.size(); i++) {
            attached.get(i).deregisterStatsStorageListener(listeners.get(i));
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        vertx.close(result -> closed.complete(null));
        try {
            closed.get(30, TimeUnit.SECONDS);
            router.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the UI server did not stop cleanly: {}", e.toString());
        }
        Shim.stopped();
    }

    /** Hands stats events to the modules that asked for their type, as they come. */
    private void routeEvents() {
        while (true) {
            List<StatsStorageEvent> batch = new ArrayList<>();
            try {
                batch.add(events.take());
            } catch (InterruptedException e) {
                return;
            }
            events.drainTo(batch);
            boolean stop = batch.remove(STOP);
            for (UIModule module : modules) {
                List<StatsStorageEvent> wanted = new ArrayList<>();
                for (StatsStorageEvent event : batch) {
                    if (module.getCallbackTypeIDs().contains(event.getTypeID())
                            && attached.contains(event.getStatsStorage())) {
                        wanted.add(event);
                    }
                }
                try {
                    module.reportStorageEvents(wanted);
                } catch (RuntimeException e) {
                    LOG.debug("UI module {} failed on events: {}", module.getClass().getSimpleName(), e.toString());
                }
            }
            if (stop) {
                return;
            }
        }
    }

    /** Serves a UI asset, as {@link Assets} finds it on the class path; 404 at once for a missing or refused path. */
    private static void asset(RoutingContext rc) {
        Assets.Asset found = Assets.find(rc.request().path());
        if (found == null) {
            rc.response().setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8")
                    .end("not found\n");
            return;
        }
        rc.response().putHeader("content-type", found.mime()).end(Buffer.buffer(found.bytes()));
    }

    private static List<String> arguments(String path, RoutingContext rc) {
        if (!path.contains(":")) {
            return Collections.emptyList();
        }
        List<String> values = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.startsWith(":")) {
                values.add(rc.request().getParam(part.substring(1)));
            }
        }
        return values;
    }

    /**
     * DL4J's modules ask {@code VertxUIServer.getInstance()} for their server, which would start beta7's own server
     * on every interface. A never-deployed instance answers instead: constructing one makes it the instance.
     */
    static final class Shim extends VertxUIServer {
        private static volatile String address = "http://" + LOOPBACK;
        private static Shim instance;

        static synchronized void install() {
            if (instance == null) {
                instance = new Shim();
            }
        }

        static void serving(String where) {
            address = where;
        }

        static void stopped() {
            address = "http://" + LOOPBACK;
        }

        @Override
        public String getAddress() {
            return address;
        }
    }
}

package org.losslab.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.losslab.ui.UiServer;
import picocli.CommandLine.Option;

/** The options of the browser UI, shared by train, search, compare and ui. */
final class UiOptions {

    @Option(names = "--ui", description = "Show training in DL4J's browser UI while it runs.")
    boolean ui;

    @Option(names = "--ui-host", paramLabel = "HOST", defaultValue = UiServer.LOOPBACK,
            description = "Address the UI listens on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every "
                    + "interface).")
    String host;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "9000",
            description = "Port of the UI (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--ui-keep", description = "Keep serving the UI after the run ends, until Ctrl-C.")
    boolean keep;

    /** Starts the server and says where it is. */
    UiServer start(PrintWriter out) {
        UiServer server = UiServer.start(host, port);
        out.println("UI: " + server.address() + (host.equals(UiServer.LOOPBACK) ? "" : "  (listening on " + host + ")"));
        out.flush();
        return server;
    }

    /**
     * Serves until the process is stopped (Ctrl-C or a kill), then runs {@code cleanup} and stops the server. The
     * waiting is on a latch that the shutdown hook releases: nothing polls or sleeps.
     */
    static void serveUntilStopped(PrintWriter out, UiServer server, Runnable cleanup) {
        out.println("serving " + server.address() + " until Ctrl-C");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            cleanup.run();
            stopped.countDown();
        }, "losslab-ui-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

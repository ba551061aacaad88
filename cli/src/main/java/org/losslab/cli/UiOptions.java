package org.losslab.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.losslab.experiment.LiveStats;
import org.losslab.ui.UiServer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of the browser UI while a command trains, shared by train, search, compare and lecture. */
final class UiOptions {

    @Option(names = "--ui", description = "Show training in DL4J's browser UI while it runs.")
    boolean ui;

    @CommandLine.Mixin
    Address address = new Address();

    @Option(names = "--ui-keep", description = "Keep serving the UI after the run ends, until Ctrl-C.")
    boolean keep;

    /** Where the UI listens: the only UI options of {@code ui}, which always serves and always until Ctrl-C. */
    static final class Address {
        @Option(names = "--ui-host", paramLabel = "HOST", defaultValue = UiServer.LOOPBACK,
                description = "Address the UI listens on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for "
                        + "every interface).")
        String host;

        @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "9000",
                description = "Port of the UI (default: ${DEFAULT-VALUE}; 0 = any free port).")
        int port;

        /** Starts the server and says where it is. */
        UiServer start(PrintWriter out) {
            UiServer server = UiServer.start(host, port);
            boolean open = UiServer.reachableFromNetwork(host);
            out.println("UI: " + server.address() + (open ? "  (listening on " + host + ")" : ""));
            if (open) {
                out.println("warning: --ui-host " + host + ": every machine that can reach this one on that network "
                        + "can open the UI and the runs it shows; 127.0.0.1 keeps it to this machine");
            }
            out.flush();
            return server;
        }
    }

    /**
     * The live UI of a command: the server and the in-memory storage it shows, which the command's training
     * writes to.
     *
     * @param server  the UI server
     * @param storage where the training statistics go while the command runs
     */
    record Live(UiServer server, InMemoryStatsStorage storage) {
    }

    /** With {@code --ui}: starts the server, shows a new in-memory storage, says where; else null. */
    Live startIfAsked(PrintWriter out) {
        if (!ui) {
            return null;
        }
        UiServer server = start(out);
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        server.attach(storage);
        return new Live(server, storage);
    }

    /** The storage to send statistics to, or null without a UI. */
    static StatsStorageRouter storage(Live live) {
        return live == null ? LiveStats.NONE : live.storage();
    }

    /** At the end of the command's work: stops the UI, or with {@code --ui-keep} serves until Ctrl-C. */
    void finish(PrintWriter out, Live live) {
        if (live == null) {
            return;
        }
        if (keep) {
            serveUntilStopped(out, live.server(), () -> { });
        } else {
            live.server().close();
        }
    }

    /** Starts the server and says where it is. */
    UiServer start(PrintWriter out) {
        return address.start(out);
    }

    /**
     * Serves until the process is stopped (Ctrl-C or a kill), then runs {@code cleanup} and stops the server. The
     * waiting is on a latch that the shutdown hook releases: nothing polls or sleeps.
     */
    static void serveUntilStopped(PrintWriter out, UiServer server, Runnable cleanup) {
        CountDownLatch stopped = new CountDownLatch(1);
        // The hook first: a stop that follows the line at once still finds it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            cleanup.run();
            stopped.countDown();
        }, "losslab-ui-stop"));
        out.println("serving " + server.address() + " until Ctrl-C");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

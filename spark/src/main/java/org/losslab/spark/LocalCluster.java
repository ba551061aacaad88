package org.losslab.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.losslab.io.SpecException;

/**
 * A Spark standalone cluster on this machine, on 127.0.0.1 only: a Master and N Workers, each a JVM started from
 * this one's class path (Spark's deploy classes from the Maven jars; no Spark installation). Executors the Workers
 * start see the same class path ({@code SPARK_DIST_CLASSPATH}), so they have LossLab, DL4J and ND4J's natives. For
 * trying LossLab on Spark, for tests, and for benchmarks; a real cluster is set up by its own administrators.
 */
public final class LocalCluster implements AutoCloseable {

    private final Path home;
    private final int port;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();

    private LocalCluster(Path home, int port, Process master) {
        this.home = home;
        this.port = port;
        this.master = master;
    }

    /**
     * Starts the Master, waits until it listens, then starts the Workers (which register by themselves).
     *
     * @param home    a folder for the cluster's logs and work directories (created)
     * @param workers how many Workers
     * @param cores   cores each Worker offers
     * @param memory  memory each Worker offers, e.g. {@code 2g}
     * @param timeout how long the Master may take to listen
     * @return the running cluster; {@link #close()} stops it
     */
    public static LocalCluster start(Path home, int workers, int cores, String memory, Duration timeout)
            throws IOException, InterruptedException {
        return start(home, 0, workers, cores, memory, timeout);
    }

    /**
     * As {@link #start(Path, int, int, String, Duration)}, the Master on a given port.
     *
     * @param home    a folder for the cluster's logs and work directories (created)
     * @param port    the Master's port on 127.0.0.1 (0: any free one)
     * @param workers how many Workers
     * @param cores   cores each Worker offers
     * @param memory  memory each Worker offers, e.g. {@code 2g}
     * @param timeout how long the Master may take to listen
     * @return the running cluster; {@link #close()} stops it
     */
    public static LocalCluster start(Path home, int port, int workers, int cores, String memory, Duration timeout)
            throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new SpecException("port", "must be 0..65535, got " + port);
        }
        if (workers < 0) {
            throw new SpecException("workers", "must be >= 0, got " + workers);
        }
        if (cores < 1) {
            throw new SpecException("cores", "must be >= 1, got " + cores);
        }
        if (!memory.matches("[1-9][0-9]*[mMgG]")) {
            throw new SpecException("memory", "like 2g or 1500m, got '" + memory + "'");
        }
        Files.createDirectories(home.resolve("jars"));
        if (port == 0) {
            port = freePort();
        } else {
            try (ServerSocket taken = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                taken.getLocalPort();
            } catch (IOException e) {
                throw new SpecException("port", "127.0.0.1:" + port + " is taken (a cluster already runs there?)");
            }
        }
        Process master = launch(home, "master", List.of("org.apache.spark.deploy.master.Master", "--host",
                "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0"));
        LocalCluster cluster = new LocalCluster(home, port, master);
        try {
            cluster.awaitMaster(timeout);
            for (int i = 0; i < workers; i++) {
                cluster.addWorker(cores, memory);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** {@return the master's URL, {@code spark://127.0.0.1:<port>}} */
    public String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** {@return the cluster's folder: logs ({@code master.log}, {@code worker-N.log}) and work directories} */
    public Path home() {
        return home;
    }

    /**
     * Starts one more Worker.
     *
     * @param cores  cores it offers
     * @param memory memory it offers
     * @return its number, from 1
     */
    public synchronized int addWorker(int cores, String memory) throws IOException {
        int number = workers.size() + 1;
        Path work = Files.createDirectories(home.resolve("work-" + number));
        workers.add(launch(home, "worker-" + number, List.of("org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", String.valueOf(cores),
                "--memory", memory, "--work-dir", work.toString(), masterUrl())));
        return number;
    }

    /**
     * The Worker whose child process is an executor: how a test finds what to kill.
     *
     * @param executorId the executor's id, as Spark names it ({@code 0}, {@code 1}, …)
     * @return the Worker's number, when one of them runs it
     */
    public synchronized Optional<Integer> workerOf(String executorId) {
        for (int i = 0; i < workers.size(); i++) {
            boolean runs = workers.get(i).descendants().anyMatch(child -> {
                List<String> args = arguments(child);
                int at = args.indexOf("--executor-id");
                return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(executorId);
            });
            if (runs) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    /** {@return the Workers' processes and their children, for messages} */
    synchronized String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < workers.size(); i++) {
            text.append("worker ").append(i + 1).append(" (pid ").append(workers.get(i).pid()).append("): ");
            workers.get(i).descendants().forEach(child -> text.append(child.pid()).append(' ')
                    .append(String.join(" ", arguments(child)).replaceAll("-cp \\S+", "-cp …")).append("; "));
        }
        return text.toString();
    }

    /**
     * Kills a Worker and its executors at once (SIGKILL), as a machine that fails does.
     *
     * @param number the Worker's number, from 1
     */
    public synchronized void kill(int number) throws InterruptedException {
        Process worker = workers.get(number - 1);
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
        worker.waitFor();
    }

    /** Stops every Worker, their executors and the Master. */
    @Override
    public synchronized void close() {
        for (Process worker : workers) {
            worker.descendants().forEach(ProcessHandle::destroyForcibly);
            worker.destroyForcibly();
        }
        master.descendants().forEach(ProcessHandle::destroyForcibly);
        master.destroyForcibly();
        try {
            for (Process worker : workers) {
                worker.waitFor();
            }
            master.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A process's arguments: Java's view of them, which is empty for command lines as long as an executor's (its
     * class path), else Linux's {@code /proc/<pid>/cmdline}.
     */
    private static List<String> arguments(ProcessHandle process) {
        Optional<String[]> known = process.info().arguments();
        if (known.isPresent() && known.get().length > 0) {
            return List.of(known.get());
        }
        try {
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"),
                    java.nio.charset.StandardCharsets.UTF_8);
            return List.of(cmdline.split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Waits until the Master accepts connections, or its process ends, or the time is up. */
    private void awaitMaster(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (!master.isAlive()) {
                    throw new IllegalStateException("the Spark master exited with " + master.exitValue()
                            + "; see " + home.resolve("master.log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Spark master did not listen on 127.0.0.1:" + port
                            + " within " + timeout.toSeconds() + " s; see " + home.resolve("master.log"));
                }
                master.onExit().toCompletableFuture().completeOnTimeout(master, 100,
                        java.util.concurrent.TimeUnit.MILLISECONDS).join();
            }
        }
    }

    private static Process launch(Path home, String name, List<String> mainAndArgs) throws IOException {
        List<Path> classPath = ClassPath.current();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(SparkJvm.MODULE_OPTIONS);
        command.add("-cp");
        command.add(ClassPath.join(classPath));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", home.toAbsolutePath().toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_DIST_CLASSPATH", ClassPath.join(classPath));
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        env.remove("SPARK_CONF_DIR");
        return builder.start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.losslab.experiment;

import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run's DL4J training statistics ({@code StatsListener}) go: into {@code stats.dl4j} (DL4J's
 * {@code FileStatsStorage}), written by a background thread so that its per-record commits do not hold up training,
 * and, when given, straight into a live storage that the browser UI shows. {@link #flush()} (after every epoch)
 * waits until everything so far is in the file, so a killed run keeps its statistics up to its last epoch.
 */
public final class StatsRecorder implements StatsStorageRouter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatsRecorder.class);
    private static final Runnable STOP = () -> { };

    private final FileStatsStorage file;
    private final StatsStorageRouter live;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    /**
     * Records into {@code file} (created or appended to) and into {@code live} ({@link LiveStats#NONE}: nowhere).
     *
     * @param file the file
     * @param live where training statistics go as they are made (DL4J's browser UI), besides the files; {@code
     *             LiveStats.NONE} for nowhere
     */
    public StatsRecorder(Path file, StatsStorageRouter live) {
        java.util.Objects.requireNonNull(live, "live: give LiveStats.NONE for no live statistics");
        this.file = StatsFiles.forRecording(file);
        this.live = live;
        this.writer = new Thread(this::write, "losslab-stats-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private void write() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException | IllegalAccessError e) {
                // MapDB closes its files in a shutdown hook of its own: after Ctrl-C or SIGTERM, writes fail quietly
                if (!org.losslab.io.Shutdown.inProgress()) {
                    LOG.warn("could not write training statistics: {}", e.toString());
                }
            }
        }
    }

    /** Waits until everything recorded so far is in the file. */
    public void flush() {
        CountDownLatch written = new CountDownLatch(1);
        queue.add(written::countDown);
        try {
            written.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Flushes, stops the writer and closes the file. */
    @Override
    public void close() {
        flush();
        queue.add(STOP);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            file.close();
        } catch (RuntimeException | IllegalAccessError e) {
            if (!org.losslab.io.Shutdown.inProgress()) {
                throw e;
            }
        }
    }

    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        if (live != LiveStats.NONE) {
            live.putStorageMetaData(storageMetaData);
        }
        queue.add(() -> file.putStorageMetaData(storageMetaData));
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        storageMetaData.forEach(this::putStorageMetaData);
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        if (staticInfo instanceof org.deeplearning4j.ui.model.stats.api.StatsInitializationReport report
                && TrainingNetwork.class.getName().equals(report.getModelClassName())) {
            // DL4J's UI draws a model's graph only for its own classes: the network trained is DL4J's, as it is saved
            report.reportModelInfo(org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class.getName(),
                    report.getModelConfigJson(), report.getModelParamNames(), report.getModelNumLayers(),
                    report.getModelNumParams());
        }
        if (live != LiveStats.NONE) {
            live.putStaticInfo(staticInfo);
        }
        queue.add(() -> file.putStaticInfo(staticInfo));
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        staticInfo.forEach(this::putStaticInfo);
    }

    @Override
    public void putUpdate(Persistable update) {
        if (live != LiveStats.NONE) {
            live.putUpdate(update);
        }
        queue.add(() -> file.putUpdate(update));
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        updates.forEach(this::putUpdate);
    }
}

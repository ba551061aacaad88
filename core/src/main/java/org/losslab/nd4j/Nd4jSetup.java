package org.losslab.nd4j;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LossLab's one change to the JVM's ND4J, made by one explicit call: {@link #install()}. LossLab's command line and
 * the API's entry points that train or load networks ({@code Training.run}, {@code resume}, {@code restart},
 * {@code Search.start}, {@code Lecture.run}, {@code Predictor.load}) make it; touching any other LossLab class,
 * building a network with {@code Networks} for one, changes nothing of the user's ND4J.
 *
 * <p>It installs {@link Nd4jTuning} (an executioner that keeps every operation's arrays alive while its native code
 * runs, which ND4J 1.0.0-beta7 does not, and that cuts ND4J's garbage per operation; {@code
 * -Dlosslab.nd4jTuning=false} leaves the cuts out) and {@link PerThreadSecureRandom} (one {@code SecureRandom} per
 * thread, so trainings on several threads do not queue on ND4J's per-operation {@code UUID.randomUUID()}). Call it
 * first thing, before ND4J's first operation: {@code UUID} keeps the generator it gets first, and ND4J's executioner
 * is replaced for operations that come after the call only.
 */
public final class Nd4jSetup {

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jSetup.class);
    private static boolean done;
    private static int slots;
    private static java.util.concurrent.Semaphore gate;
    private static final java.util.concurrent.atomic.AtomicBoolean WAITED = new java.util.concurrent.atomic
            .AtomicBoolean();

    private Nd4jSetup() {
    }

    /**
     * Installs LossLab's ND4J executioner and per-thread random generator; a second call does nothing.
     *
     * @return whether the executioner's garbage cuts are on (false when switched off or when this is not the ND4J
     *         CPU backend of 1.0.0-beta7 it was written for, which is logged)
     */
    public static synchronized boolean install() {
        if (!done) {
            PerThreadSecureRandom.install();
            // read before any training caps ND4J's threads: the size its thread pool was made with
            slots = Math.max(1, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads());
            gate = new java.util.concurrent.Semaphore(slots, true);
            done = true;
            LOG.debug("LossLab's ND4J setup installed; {} trainings at once", slots);
        }
        return Nd4jTuning.install();
    }

    /**
     * {@return how many trainings this JVM runs at once: the slots of ND4J 1.0.0-beta7's thread pool, which takes its
     * size from ND4J's thread count at start (the machine's cores, or {@code OMP_NUM_THREADS}, or {@code
     * SD_MAX_THREADS}). Every ND4J operation holds a slot while it runs, and one more operation at a time than there
     * are slots crashes the JVM in native code; so LossLab's trainings take a slot each ({@link #trainingSlot()})}
     */
    public static synchronized int trainingSlots() {
        install();
        return slots;
    }

    /**
     * Waits for one of the JVM's {@linkplain #trainingSlots() training slots} and holds it until closed: each
     * training holds one, so that more trainings than slots (more candidates at a time than cores, or a Spark executor
     * whose {@code OMP_NUM_THREADS} is 1 running several tasks) queue instead of crashing ND4J.
     *
     * @return the slot, given back by {@link Slot#close()}
     * @throws java.io.InterruptedIOException when interrupted while waiting
     */
    public static Slot trainingSlot() throws java.io.InterruptedIOException {
        java.util.concurrent.Semaphore slotGate;
        synchronized (Nd4jSetup.class) {
            install();
            slotGate = gate;
        }
        if (!slotGate.tryAcquire()) {
            if (WAITED.compareAndSet(false, true)) {
                LOG.warn("more trainings at once than ND4J's {} thread-pool slot{} in this JVM; the others wait",
                        slots, slots == 1 ? "" : "s");
            }
            try {
                slotGate.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a training slot");
            }
        }
        return new Slot(slotGate);
    }

    /** A training slot, held until {@link #close()}. */
    public static final class Slot implements AutoCloseable {
        private final java.util.concurrent.Semaphore gate;
        private boolean closed;

        private Slot(java.util.concurrent.Semaphore gate) {
            this.gate = gate;
        }

        /** Gives the slot back (once). */
        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                gate.release();
            }
        }
    }
}

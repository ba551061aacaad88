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
            done = true;
            LOG.debug("LossLab's ND4J setup installed");
        }
        return Nd4jTuning.install();
    }
}

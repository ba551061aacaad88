package org.losslab.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The command line's log levels, with or without {@code -v}, when logback is the binding (not under spark-submit). */
final class LogLevels {

    private LogLevels() {
    }

    static void set(boolean verbose) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.INFO : Level.WARN);
        ((Logger) LoggerFactory.getLogger("org.nd4j")).setLevel(verbose ? Level.INFO : Level.ERROR);
        for (String spark : new String[] {"org.apache.spark", "org.apache.hadoop", "org.sparkproject"}) {
            ((Logger) LoggerFactory.getLogger(spark)).setLevel(verbose ? Level.WARN : Level.ERROR);
        }
    }
}

package org.losslab.report;

import java.io.IOException;
import org.losslab.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Locale;
import org.losslab.experiment.NeuronRun;
import org.losslab.experiment.NeuronStep;

/** The CSV form of a single-neuron run: one row per epoch, values before that epoch's update. */
public final class NeuronCsv {

    /** The header line. */
    public static final String HEADER = "epoch,w,b,output,cost,dC_dw,dC_db";

    private NeuronCsv() {
    }

    /** The whole CSV text, header first. */
    public static String format(NeuronRun run) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (NeuronStep s : run.steps()) {
            csv.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g%n", s.epoch(), s.w(),
                    s.b(), s.output(), s.cost(), s.dCdw(), s.dCdb()));
        }
        return csv.toString();
    }

    /** Writes the CSV atomically. */
    public static void write(NeuronRun run, Path file) throws IOException {
        AtomicFiles.writeString(file, format(run));
    }
}

package org.losslab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.TrainingListener;
import org.losslab.search.CandidateResult;
import org.losslab.search.CandidateSpace;
import org.losslab.search.SearchListener;

/**
 * A search's progress on the console: a line per candidate as it finishes, and while candidates train either a line
 * per epoch (output that is not a terminal: CI, files) or, in a terminal, one status line redrawn in place with a
 * bar per running candidate (epoch, batch, latest validation accuracy) and the search's time left. Written here
 * rather than with progressbar: that library draws one bar per line through its own console, and the command's
 * output goes through picocli's writer.
 */
final class SearchProgress implements SearchListener {

    private static final int BAR = 10;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final Function<CandidateResult, String> describe;
    private final long start = System.nanoTime();
    private final int epochsEach;
    private final Map<Integer, Running> running = new TreeMap<>();
    private long epochsLeft;
    private long epochsDone;
    private long lastDraw;
    private int drawn;

    /** A candidate in training, as the status line shows it. */
    private static final class Running {
        final int number;
        final String label;
        int epoch;
        int epochs;
        int batches;
        int batch;
        int heard;
        double accuracy = Double.NaN;

        Running(int number, String label, int epochs) {
            this.number = number;
            this.label = label;
            this.epochs = epochs;
        }
    }

    /**
     * @param out         the command's output
     * @param terminal    whether it is a terminal (a status line redrawn in place) or not (a line per epoch)
     * @param candidates  the search's candidates
     * @param epochs      the epochs each trains at most
     * @param describe    a finished candidate's result in words
     */
    SearchProgress(PrintWriter out, boolean terminal, int candidates, int epochs,
                   Function<CandidateResult, String> describe) {
        this.out = out;
        this.terminal = terminal;
        this.epochsLeft = (long) candidates * epochs;
        this.epochsEach = epochs;
        this.describe = describe;
    }

    @Override
    public synchronized void candidateDone(CandidateResult result, int done, int total) {
        Running candidate = running.remove(result.number());
        // what it will not train: it stopped early, diverged or failed, or was reused or skipped
        epochsLeft -= Math.max(0, epochsEach - (candidate == null ? 0 : candidate.heard));
        clear();
        out.printf(Locale.ROOT, "[%d/%d] %s: %s%n", done, total, result.label(), describe.apply(result));
        draw(true);
    }

    @Override
    public TrainingListener training(int number, CandidateSpace.Settings settings, int epochs) {
        Running candidate = new Running(number, settings.label(number), epochs);
        synchronized (this) {
            running.put(number, candidate);
        }
        return new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int total, int batches) {
                synchronized (SearchProgress.this) {
                    if (candidate.heard < epoch - 1) { // resumed: its earlier epochs were trained before
                        epochsLeft -= epoch - 1 - candidate.heard;
                        candidate.heard = epoch - 1;
                    }
                    candidate.epoch = epoch - 1;
                    candidate.epochs = total;
                    candidate.batches = batches;
                    candidate.batch = 0;
                    draw(false);
                }
            }

            @Override
            public void batchDone() {
                synchronized (SearchProgress.this) {
                    candidate.batch++;
                    draw(false);
                }
            }

            @Override
            public void epochDone(EpochMetrics metrics, RunRecord record) {
                synchronized (SearchProgress.this) {
                    candidate.epoch = metrics.epoch();
                    candidate.batch = candidate.batches;
                    candidate.accuracy = metrics.validationAccuracy();
                    if (metrics.epoch() > candidate.heard) {
                        epochsLeft -= metrics.epoch() - candidate.heard;
                        candidate.heard = metrics.epoch();
                    }
                    epochsDone++;
                    if (terminal) {
                        draw(true);
                    } else {
                        out.printf(Locale.ROOT, "  %s: epoch %d/%d, validation accuracy %.2f%% (%.1f s)%s%n",
                                candidate.label, metrics.epoch(), candidate.epochs, 100 * metrics.validationAccuracy(),
                                metrics.seconds(), left());
                        out.flush();
                    }
                }
            }
        };
    }

    /** {@return "; about 3 min left" from the epochs done so far, or nothing before the first} */
    private String left() {
        if (epochsDone == 0 || epochsLeft <= 0) {
            return "";
        }
        double seconds = (System.nanoTime() - start) / 1e9 / epochsDone * epochsLeft;
        return "; search about " + words(seconds) + " left";
    }

    /** {@return a duration as a reader would say it: "40 s", "3 min", "1 h 20 min"} */
    static String words(double seconds) {
        long s = Math.round(seconds);
        if (s < 1) {
            return "under 1 s";
        }
        if (s < 60) {
            return s + " s";
        }
        long minutes = Math.round(seconds / 60);
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** Redraws the status line (terminal only), at most every 250 ms unless {@code now}. */
    private void draw(boolean now) {
        if (!terminal) {
            return;
        }
        long time = System.nanoTime();
        if (!now && time - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = time;
        StringBuilder line = new StringBuilder();
        for (Running candidate : running.values()) {
            if (!line.isEmpty()) {
                line.append(" | ");
            }
            int filled = candidate.batches == 0 ? 0 : (int) ((long) BAR * candidate.batch / candidate.batches);
            line.append('#').append(candidate.number).append(" e").append(Math.min(candidate.epoch + 1,
                    candidate.epochs)).append('/').append(candidate.epochs).append(" [")
                    .append("=".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ")
                    .append(Double.isNaN(candidate.accuracy) ? "--" : String.format(Locale.ROOT, "%.1f%%",
                            100 * candidate.accuracy));
        }
        line.append(left());
        String text = line.toString();
        out.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
        out.flush();
        drawn = text.length();
    }

    /** Clears the status line before a permanent line (terminal only). */
    private void clear() {
        if (terminal && drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
    }
}

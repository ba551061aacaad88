package org.losslab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
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
    private final String whole;
    private final boolean terminal;
    private final Function<CandidateResult, String> describe;
    private final long start = System.nanoTime();
    private final int epochsEach;
    private final Map<String, Running> running = new java.util.LinkedHashMap<>();
    private long epochsLeft;
    private long epochsDone;
    private long lastDraw;
    private int drawn;

    /** A candidate in training, as the status line shows it. */
    private static final class Running {
        final String key;
        final String label;
        int epoch;
        int epochs;
        int batches;
        int batch;
        int heard;
        double accuracy = Double.NaN;

        Running(String key, String label, int epochs) {
            this.key = key;
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
        this(out, terminal, candidates, epochs, describe, "search");
    }

    /**
     * As {@link #SearchProgress(PrintWriter, boolean, int, int, Function)}, naming the whole in the time left.
     *
     * @param whole what the candidates make up, e.g. {@code lecture}: "lecture about 3 min left"
     */
    SearchProgress(PrintWriter out, boolean terminal, int candidates, int epochs,
                   Function<CandidateResult, String> describe, String whole) {
        this.whole = whole;
        this.out = out;
        this.terminal = terminal;
        this.epochsLeft = (long) candidates * epochs;
        this.epochsEach = epochs;
        this.describe = describe;
    }

    @Override
    public void candidateDone(CandidateResult result, int done, int total) {
        finished("#" + result.number(), String.format(Locale.ROOT, "[%d/%d] %s: %s", done, total, result.label(),
                describe.apply(result)));
    }

    @Override
    public TrainingListener training(int number, CandidateSpace.Settings settings, int epochs) {
        return candidate("#" + number, settings.label(number), epochs);
    }

    /**
     * A candidate has ended: {@code line} printed for good, the status line redrawn without it.
     *
     * @param key  its key, as {@link #candidate} had it
     * @param line what to print
     */
    synchronized void finished(String key, String line) {
        Running candidate = running.remove(key);
        // what it will not train: it stopped early, diverged or failed, or was reused or skipped
        epochsLeft -= Math.max(0, epochsEach - (candidate == null ? 0 : candidate.heard));
        clear();
        out.println(line);
        draw(true);
    }

    /**
     * {@return what hears a candidate's training}
     *
     * @param key    its short name in the status line, e.g. {@code #3}; unique among the candidates
     * @param label  its name in epoch lines
     * @param epochs the epochs it trains at most
     */
    TrainingListener candidate(String key, String label, int epochs) {
        Running candidate = new Running(key, label, epochs);
        synchronized (this) {
            running.put(key, candidate);
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
        return "; " + whole + " about " + words(seconds) + " left";
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
            line.append(candidate.key).append(" e").append(Math.min(candidate.epoch + 1,
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

package org.losslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.TrainingListener;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Preset;
import org.losslab.search.CandidateResult;
import org.losslab.search.CandidateSpace;

/** What a search prints while its candidates train: epoch lines off a terminal, one status line on one. */
class SearchProgressTest {

    private static final CandidateSpace.Settings TANH = new CandidateSpace.Settings(Preset.CROSS_ENTROPY_SIGMOID,
            HiddenActivation.TANH, List.of(30), 0.5, 0.0);

    private static EpochMetrics epoch(int epoch, double accuracy) {
        return new EpochMetrics(epoch, 0.5, 0.4, accuracy, 1.5, List.of(), List.of());
    }

    @Test
    void offATerminalEachEpochIsALineWithTheSearchsTimeLeft() {
        StringWriter text = new StringWriter();
        SearchProgress progress = new SearchProgress(new PrintWriter(text), false, 2, 3, r -> "done");
        TrainingListener first = progress.training(1, TANH, 3);
        first.epochStarted(1, 3, 100);
        first.batchDone();
        first.epochDone(epoch(1, 0.9123), null);
        assertThat(text.toString()).startsWith("  #1 cross-entropy-sigmoid tanh 30 η=0.5 λ=0: epoch 1/3, validation "
                + "accuracy 91.23% (1.5 s); search about ").endsWith(" left\n");
        progress.candidateDone(CandidateResult.failed(1, TANH, "stopped"), 1, 2);
        assertThat(text.toString()).contains("[1/2] #1 cross-entropy-sigmoid tanh 30 η=0.5 λ=0: done\n")
                .doesNotContain("\r");
    }

    @Test
    void inATerminalOneLineShowsEveryRunningCandidate() {
        StringWriter text = new StringWriter();
        SearchProgress progress = new SearchProgress(new PrintWriter(text), true, 2, 2, r -> "done");
        TrainingListener first = progress.training(1, TANH, 2);
        TrainingListener second = progress.training(2, TANH, 2);
        first.epochStarted(1, 2, 10);
        second.epochStarted(1, 2, 10);
        for (int i = 0; i < 5; i++) {
            second.batchDone();
        }
        first.epochDone(epoch(1, 0.875), null);
        String line = text.toString().substring(text.toString().lastIndexOf('\r') + 1);
        assertThat(line).startsWith("#1 e2/2 [==========] 87.5% | #2 e1/2 [=====     ] --; search about ");
        progress.candidateDone(CandidateResult.failed(1, TANH, "x"), 1, 2);
        assertThat(text.toString()).contains("\r[1/2] #1 cross-entropy-sigmoid tanh 30 η=0.5 λ=0: done\n");
    }

    @Test
    void durationsReadAsWords() {
        assertThat(SearchProgress.words(0.2)).isEqualTo("under 1 s");
        assertThat(SearchProgress.words(42)).isEqualTo("42 s");
        assertThat(SearchProgress.words(185)).isEqualTo("3 min");
        assertThat(SearchProgress.words(4800)).isEqualTo("1 h 20 min");
    }
}

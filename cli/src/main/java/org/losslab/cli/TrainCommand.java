package org.losslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.losslab.data.DataLocator;
import org.losslab.data.MnistData;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.Experiment;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.RunStatus;
import org.losslab.experiment.Training;
import org.losslab.experiment.TrainingCost;
import org.losslab.experiment.TrainingListener;
import org.losslab.io.AtomicFiles;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Initialization;
import org.losslab.preset.NetworkSpec;
import org.losslab.preset.Preset;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab train}: train a preset on MNIST, one line per epoch, a run folder with model, record, curves. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network on MNIST-format data and keep it as models/<run-id>/ (model.zip, run.json,"
                + " curves.png), checkpointed every epoch.",
                "Resume a killed run with --resume models/<run-id>."})
final class TrainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "cross-entropy-sigmoid",
            description = "quadratic-sigmoid, cross-entropy-sigmoid or softmax-log-likelihood (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--hidden", paramLabel = "N[,N...]", defaultValue = "30", split = ",",
            description = "Hidden layer sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "sigmoid",
            description = "Hidden activation: sigmoid, tanh, relu, swish (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--eta", defaultValue = "0.5", description = "Learning rate η (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--lambda", defaultValue = "0", description = "L2 regularisation λ, book convention (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--batch", defaultValue = "10", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--init", paramLabel = "large|scaled", defaultValue = "large",
            description = "Weight initialisation (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, biases and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--early-stop", paramLabel = "N", defaultValue = "0",
            description = "Stop after N epochs without a better validation accuracy; keep the best model (default: off).")
    int earlyStop;

    @Option(names = "--threads", defaultValue = "1", description = "ND4J threads (default: ${DEFAULT-VALUE}, fastest for small nets).")
    int threads;

    @Option(names = "--training-cost", paramLabel = "epoch-end|mini-batch-mean", defaultValue = "epoch-end",
            description = "Each epoch's training cost: over the training images after the epoch, as the book's "
                    + "network2.py (default), or the mean of the epoch's mini-batch scores, as DL4J's fit reports "
                    + "them (slower: every step computes its score).")
    String trainingCost;

    @Option(names = "--save", paramLabel = "FILE.zip", description = "Also copy the final model zip here.")
    Path save;

    @Option(names = "--models", paramLabel = "DIR", defaultValue = "models",
            description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path models;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue a killed run from its last completed epoch.")
    Path resume;

    @Option(names = "--restart", description = "With --resume: train the run again from epoch 0 with its recorded "
            + "settings, discarding its checkpoint and metrics (for a run whose model.zip is lost or damaged).")
    boolean restart;

    @CommandLine.Mixin
    DataOptions data;

    @CommandLine.Mixin
    UiOptions ui;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        UiOptions.Live live = ui.startIfAsked(out);
        boolean finished = false;
        try {
            Training.Outcome outcome;
            if (restart && resume == null) {
                throw new IllegalArgumentException("--restart: goes with --resume RUN_DIR");
            }
            if (resume != null && restart) {
                RunRecord before = RunRecord.read(resume);
                out.printf("restarting %s from epoch 0 of %d%n", resume, before.epochs());
                outcome = Training.restart(resume, new ConsoleProgress(out), UiOptions.storage(live));
            } else if (resume != null) {
                RunRecord before = RunRecord.read(resume);
                out.printf("resuming %s after epoch %d of %d%n", resume, before.completedEpochs(), before.epochs());
                try {
                    outcome = Training.resume(resume, new ConsoleProgress(out), UiOptions.storage(live));
                } catch (Training.MissingCheckpointException | org.losslab.model.ModelException e) {
                    throw new IllegalArgumentException(e.getMessage() + " (--resume " + resume + " --restart trains "
                            + "it again from epoch 0)", e);
                }
            } else {
                NetworkSpec network = NetworkSpec.defaults().withLayers(784, hidden, 10)
                        .withPreset(Preset.parse(preset)).withActivation(HiddenActivation.parse(activation))
                        .withInit(Initialization.parse(init)).withEta(eta).withLambda(lambda).withSeed(seed);
                Experiment experiment = new Experiment(network, data.spec(), epochs, batch, earlyStop, threads,
                        TrainingCost.parse(trainingCost));
                MnistData loaded = DataOptions.load(experiment.data(), out);
                for (String step : loaded.location().steps()) {
                    out.println("data: " + step);
                }
                Path folder = Training.newRunFolder(models, network);
                out.printf("run %s: %s, %s, %s hidden, η %s, λ %s, batch %d, %s, seed %d%n", folder,
                        network.preset().id(), network.activation().id(),
                        hidden.stream().map(String::valueOf).collect(Collectors.joining("-")), eta, lambda, batch,
                        org.losslab.report.Numbers.count(epochs, "epoch"), seed);
                outcome = Training.run(experiment, loaded, folder, new ConsoleProgress(out),
                        UiOptions.storage(live));
            }
            summary(out, outcome);
            if (save != null) {
                Path model = outcome.folder().resolve("model.zip");
                AtomicFiles.write(save, stream -> Files.copy(model, stream));
                out.println("saved " + save);
            }
            finished = true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not write the run: " + e.getMessage(), e);
        } finally {
            if (live != null && !finished) {
                live.server().close();
            }
        }
        ui.finish(out, live);
        out.flush();
    }

    private static void summary(PrintWriter out, Training.Outcome outcome) {
        RunRecord record = outcome.record();
        if (record.status() == RunStatus.DIVERGED) {
            out.printf("diverged at epoch %d: the cost is no longer a finite number (try a smaller --eta)%n",
                    record.completedEpochs());
            return;
        }
        EpochMetrics best = record.metrics().get(record.bestEpoch().orElseThrow() - 1);
        out.printf(Locale.ROOT, "%s: test accuracy %.2f%%, test cost %.4f; best validation accuracy %.2f%% at epoch "
                        + "%d; %.1f s of training%n", record.status().id(), 100 * record.testAccuracy().orElseThrow(),
                record.testCost().orElseThrow(),
                100 * best.validationAccuracy(), best.epoch(), record.seconds());
        if (record.data().sample()) {
            out.println("note: " + DataLocator.SAMPLE_NOTICE + ".");
        }
        out.println("model: " + outcome.folder().resolve("model.zip") + " (run.json, curves.png beside it)");
    }

    /** One line per epoch, and a progress bar during the epoch when a terminal is attached. */
    private static final class ConsoleProgress implements TrainingListener {
        private final PrintWriter out;
        private final boolean terminal = System.console() != null;
        private ProgressBar bar;

        ConsoleProgress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void epochStarted(int epoch, int epochs, int batches) {
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName(String.format("epoch %d/%d", epoch, epochs))
                        .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .setConsumer(new DelegatingProgressBarConsumer(line -> {
                            out.print("\r" + line);
                            out.flush();
                        })).clearDisplayOnFinish().build();
            }
        }

        @Override
        public void batchDone() {
            if (bar != null) {
                bar.step();
            }
        }

        @Override
        public void epochDone(EpochMetrics m, RunRecord record) {
            if (bar != null) {
                bar.close();
                bar = null;
                out.print("\r");
            }
            out.printf(Locale.ROOT, "epoch %3d/%d  train cost %.4f  validation cost %.4f  accuracy %6.2f%%  "
                            + "|dC/dw| %s  saturated %s  %.1f s%n", m.epoch(), record.epochs(), m.trainCost(),
                    m.validationCost(), 100 * m.validationAccuracy(), join(m.meanAbsGradient(), "%.1e"),
                    m.saturation().stream().map(s -> s.isEmpty() ? "-"
                            : String.format(Locale.ROOT, "%.0f%%", 100 * s.getAsDouble()))
                            .collect(Collectors.joining(" ")), m.seconds());
            out.flush();
        }

        private static String join(List<Double> values, String format) {
            return values.stream().map(v -> String.format(Locale.ROOT, format, v)).collect(Collectors.joining(" "));
        }
    }
}

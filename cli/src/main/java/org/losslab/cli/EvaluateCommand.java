package org.losslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.losslab.data.MnistData;
import org.losslab.data.Split;
import org.losslab.model.ModelZip;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab evaluate}: accuracy, per-class precision/recall/F1 and the confusion matrix of a saved model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved model on a data split: accuracy, per-class precision, recall and F1, and the "
                + "confusion matrix.")
final class EvaluateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR|FILE.zip", description = "The model.")
    Path model;

    @Option(names = "--split", paramLabel = "test|validation", defaultValue = "test",
            description = "Which split (default: ${DEFAULT-VALUE}).")
    String split;

    @CommandLine.Mixin
    DataOptions data;

    /**
     * The shared {@code --dataset} option's help, made true for this command: its default is the model's own data
     * set. picocli builds the option from the shared mixin; this swaps in a copy with this command's description.
     */
    static void describe(CommandLine.Model.CommandSpec evaluate) {
        CommandLine.Model.OptionSpec shared = evaluate.findOption("--dataset");
        evaluate.remove(shared);
        evaluate.addOption(CommandLine.Model.OptionSpec.builder(shared).description("Data set (default: the one the "
                + "model was trained on, from the run record in its zip; mnist for a zip without one).").build());
    }

    @Override
    public void run() {
        if (!split.equals("test") && !split.equals("validation")) {
            throw new IllegalArgumentException("--split: expected test or validation, got '" + split + "'");
        }
        ModelZip.Loaded loaded = ModelZip.load(model);
        org.losslab.data.Dataset dataset = data.dataset;
        if (!spec.commandLine().getParseResult().hasMatchedOption("--dataset") && loaded.runJson().isPresent()) {
            // the data set the model was trained on, from the run record inside its zip
            dataset = org.losslab.data.Dataset.parse(org.losslab.experiment.RunRecord.fromJson(
                    loaded.runJson().get(), model + " (its run record)").data().dataset());
        }
        MnistData mnist = DataOptions.load(data.spec(dataset), spec.commandLine().getOut());
        Split examples = split.equals("test") ? mnist.test() : mnist.validation();
        DataSet arrays = examples.arrays();
        Evaluation evaluation = new Evaluation(10);
        evaluation.eval(arrays.getLabels(), loaded.network().output(arrays.getFeatures(), false));
        print(spec.commandLine().getOut(), evaluation, model, mnist, examples);
    }

    private static void print(PrintWriter out, Evaluation evaluation, Path model, MnistData mnist, Split split) {
        out.printf("model %s on %s %s (%d examples, %s)%n", model, mnist.dataset().id(), split.name(), split.count(),
                mnist.location().source());
        out.printf(Locale.ROOT, "accuracy %.2f%%%n%n", 100 * evaluation.accuracy());
        out.printf("%5s %9s %7s %7s %6s%n", "digit", "precision", "recall", "F1", "count");
        int[] counts = split.histogram();
        for (int digit = 0; digit < 10; digit++) {
            out.printf(Locale.ROOT, "%5d %9.4f %7.4f %7.4f %6d%n", digit, evaluation.precision(digit),
                    evaluation.recall(digit), evaluation.f1(digit), counts[digit]);
        }
        out.printf("%nconfusion matrix (rows: actual digit, columns: predicted)%n%6s", "");
        for (int predicted = 0; predicted < 10; predicted++) {
            out.printf("%6d", predicted);
        }
        out.println();
        for (int actual = 0; actual < 10; actual++) {
            out.printf("%6d", actual);
            for (int predicted = 0; predicted < 10; predicted++) {
                out.printf("%6d", evaluation.getConfusion().getCount(actual, predicted));
            }
            out.println();
        }
        if (mnist.location().isSample()) {
            out.println("note: figures from the bundled sample are not comparable with full-MNIST results.");
        }
        out.flush();
    }
}

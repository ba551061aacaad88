package org.losslab.cli;

import java.util.List;
import org.losslab.data.Dataset;
import org.losslab.preset.Choices;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Initialization;
import org.losslab.preset.Preset;
import org.losslab.search.Score;
import org.losslab.search.SearchSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab compare}: the lecture's comparisons as a grid search, from options instead of a spec file. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare presets and hidden activations (every combination) on the validation split.")
final class CompareCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--presets", split = ",", paramLabel = "NAME[,NAME...]",
            defaultValue = "quadratic-sigmoid,cross-entropy-sigmoid,softmax-log-likelihood",
            description = "Presets (default: ${DEFAULT-VALUE}).")
    List<String> presets;

    @Option(names = "--activation", split = ",", paramLabel = "NAME[,NAME...]", defaultValue = "sigmoid",
            description = "Hidden activations (default: ${DEFAULT-VALUE}).")
    List<String> activations;

    @Option(names = "--hidden", split = ",", paramLabel = "N[,N...]", defaultValue = "30",
            description = "Hidden sizes to compare, one hidden layer each (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--eta", split = ",", paramLabel = "η[,η...]", defaultValue = "0.5",
            description = "Learning rates (default: ${DEFAULT-VALUE}).")
    List<Double> eta;

    @Option(names = "--lambda", split = ",", defaultValue = "0", description = "L2 λ values (default: ${DEFAULT-VALUE}).")
    List<Double> lambda;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs per candidate (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "10", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--init", defaultValue = "large", description = "large or scaled (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--score", defaultValue = "accuracy", description = "accuracy or cost (default: ${DEFAULT-VALUE}).")
    String score;

    @Option(names = "--dataset", paramLabel = "mnist|fashion-mnist|sample", defaultValue = "mnist",
            description = "Data set: mnist, fashion-mnist or sample (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--train-limit", defaultValue = "0", description = "Training examples (0 = all).")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "0", description = "Validation and test examples (0 = all).")
    int testLimit;

    @CommandLine.Mixin
    SearchCommand.SearchOptions options;

    @Override
    public void run() {
        List<Preset> chosenPresets = presets.stream().map(p -> Choices.parse(Preset.class, "presets", p)).toList();
        List<HiddenActivation> chosenActivations = activations.stream()
                .map(a -> Choices.parse(HiddenActivation.class, "activations", a)).toList();
        SearchSpec search = SearchSpec.builder().presets(chosenPresets).activations(chosenActivations)
                .hidden(hidden.stream().map(List::of).toList()).eta(eta).lambda(lambda).epochs(epochs).batch(batch)
                .init(Initialization.parse(init)).seed(seed).score(Choices.parse(Score.class, "score", score))
                .maxCandidates(Math.max(1, presets.size() * activations.size() * hidden.size() * eta.size()
                        * lambda.size())) // every combination: Arbiter's page shows the grid's own size
                .dataset(Dataset.parse(dataset)).trainLimit(trainLimit).testLimit(testLimit).build();
        options.run(spec.commandLine().getOut(), search);
    }
}

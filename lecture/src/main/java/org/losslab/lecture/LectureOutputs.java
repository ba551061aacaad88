package org.losslab.lecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.NeuronLecture;
import org.losslab.experiment.NeuronReports;
import org.losslab.experiment.NeuronRun;
import org.losslab.information.Entropy;
import org.losslab.notebook.Document;
import org.losslab.report.Numbers;
import org.losslab.search.CandidateResult;
import org.losslab.search.Search;

/**
 * What each code cell of the lecture's notebook shows: its tables, charts and text, as {@link Document} blocks. The
 * report saves these as the cells' outputs and the cells call the same methods ({@code show(LectureOutputs.…)}), so
 * that a notebook run again shows what it was saved with. Charts are drawn into the lecture's folder and read from
 * there; nothing is written anywhere else.
 */
public final class LectureOutputs {

    private LectureOutputs() {
    }

    /**
     * {@return one line saying which lecture is open and on what data}, e.g. {@code lecture-quick: 15 networks, all
     * finished (profile quick, 10 epochs, seed 1); the bundled sample: 10,000 training, 10,000 validation, 10,000 test
     * images}
     *
     * @param lecture an opened (or run) lecture
     */
    public static List<Document.Block> opened(Lecture.Outcome lecture) {
        int networks = lecture.searches().values().stream().mapToInt(s -> s.ranked().size()).sum();
        String data = lecture.data().location().isSample() ? "the bundled sample of MNIST"
                : lecture.data().dataset().id();
        return List.of(new Document.Text(String.format(Locale.ROOT,
                "%s: %s, all finished (profile %s, %s, %s); %s: %,d training, %,d validation, %,d test images",
                lecture.name(), Numbers.count(networks, "network"), lecture.spec().profile().id(),
                Numbers.count(lecture.spec().epochs(), "epoch"), seeds(lecture.spec()), data,
                lecture.data().train().count(), lecture.data().validation().count(),
                lecture.data().test().count())));
    }

    private static String seeds(LectureSpec spec) {
        return spec.isMultiSeed() ? "seeds " + spec.seeds().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", ")) : "seed " + spec.seed();
    }

    /**
     * Part 1: the neuron runs' outputs and gradients next to the book's figures, and the two charts, drawn into
     * {@code lecture/neuron/}.
     *
     * @param runs   the runs ({@link NeuronLecture#run()})
     * @param folder the lecture's folder
     * @return the table and the two charts
     */
    public static List<Document.Block> neuron(List<NeuronRun> runs, Path folder) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (NeuronRun run : runs) {
            List<String> book = NeuronLecture.bookFigures().stream().filter(f -> f.run().equals(run.label()))
                    .map(f -> String.format(Locale.ROOT, "%.3f at epoch %d", f.output(), f.epoch())).toList();
            rows.add(List.of(run.label(), f3(run.at(0).output()), f3(run.at(150).output()), f3(run.at(300).output()),
                    String.format(Locale.ROOT, "%.5f", Math.abs(run.at(0).dCdw())),
                    book.isEmpty() ? "—" : String.join("; ", book)));
        }
        Path neuron = folder.resolve("neuron");
        NeuronReports.writeAll(neuron, runs);
        return List.of(new Document.Table(List.of("run", "a at epoch 0", "a at 150", "a at 300", "|∂C/∂w| at 0",
                        "the book"), rows),
                image(neuron.resolve(NeuronReports.OUTPUT_CHART), "Output a against epoch, each run: sigmoid outputs "
                        + "above, the linear ones below"),
                image(neuron.resolve(NeuronReports.GRADIENT_CHART), "|∂C/∂w| against epoch: the slowdown itself"));
    }

    /** {@return part 2's table: the lecture's entropy examples, computed with {@link Entropy}} */
    public static List<Document.Block> entropy() {
        Entropy.Unit bits = Entropy.Unit.BITS;
        double[] die = Entropy.uniform(6);
        double[] loaded = {0.5, 0.1, 0.1, 0.1, 0.1, 0.1};
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("a fair coin", "H(p)", bits(Entropy.entropy(Entropy.uniform(2), bits)), "1 bit"));
        rows.add(List.of("a fair die", "H(p)", bits(Entropy.entropy(die, bits)), "log₂ 6 ≈ 2.585 bits"));
        rows.add(List.of("a fair die, coded for one that shows 1 half the time", "H(p, q)",
                bits(Entropy.crossEntropy(die, loaded, bits)), "≥ H(p)"));
        rows.add(List.of("… the excess", "D(p‖q)", bits(Entropy.klDivergence(die, loaded, bits)), "> 0"));
        rows.add(List.of("a fair die coded for itself", "H(p, p) − H(p)",
                bits(Entropy.crossEntropy(die, die, bits) - Entropy.entropy(die, bits)), "0: equal only when q = p"));
        return List.of(new Document.Table(List.of("example", "quantity", "LossLab", "the lecture"), rows));
    }

    /**
     * Part 2: the cross-entropy neurons' cost read as surprise, at epochs 0 and 300.
     *
     * @param runs the neuron runs
     * @return the table
     */
    public static List<Document.Block> surprise(List<NeuronRun> runs) {
        List<List<String>> surprise = new ArrayList<>();
        for (NeuronRun run : runs) {
            if (run.spec().preset() != org.losslab.preset.Preset.CROSS_ENTROPY_SIGMOID) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(run.label()));
            for (int epoch : new int[] {0, 300}) {
                double a = run.at(epoch).output();
                cells.add(String.format(Locale.ROOT, "a = %.3f: %.3f bits (cost %.4f nats)", a,
                        Entropy.binaryCrossEntropy(run.spec().target(), a, Entropy.Unit.BITS), run.at(epoch).cost()));
            }
            surprise.add(cells);
        }
        return List.of(new Document.Table(List.of("run", "surprise at epoch 0", "at epoch 300"), surprise));
    }

    /**
     * One of the lecture's MNIST parts, with the first seed: its candidates ranked and, per part, its figures and
     * charts (the activations' gradients and saturation, the depths' speeds of learning, the initialisations').
     *
     * @param lecture the lecture
     * @param part    the part
     * @return the part's tables, charts and sentences
     */
    public static List<Document.Block> part(Lecture.Outcome lecture, Lecture.Part part) throws IOException {
        Lecture.Comparison comparison = Lecture.comparison(lecture.spec(), part);
        Path folder = lecture.folder();
        List<Document.Block> outputs = new ArrayList<>();
        switch (part) {
            case CROSS_ENTROPY, QUADRATIC, SOFTMAX -> outputs.add(candidateTable(lecture.comparisons().get(part)));
            case ACTIVATIONS -> {
                outputs.add(candidateTable(lecture.comparisons().get(part)));
                addImage(outputs, folder.resolve(comparison.name()).resolve("validation-accuracy.png"),
                        "Validation accuracy against epoch");
                addImage(outputs, folder.resolve("activations-gradient.png"),
                        "Mean |∂C/∂w| of the hidden layer (top) and the output layer (bottom) against epoch");
                addImage(outputs, folder.resolve("activations-saturation.png"),
                        "Share of saturated units in the hidden layer (top) and the output layer (bottom)");
            }
            case DEPTH -> {
                outputs.add(depthTable(lecture));
                outputs.add(speedTable(lecture));
                outputs.add(new Document.Text(LectureReport.speedSentence(lecture)));
                addImage(outputs, folder.resolve(LectureCharts.DEPTH_CHART), "The deepest network's mean |∂C/∂b| "
                        + "(top) and |∂C/∂w| (bottom) per hidden layer, from the start (epoch 0) on, log axes: layer 1 "
                        + "lightest");
                addImage(outputs, folder.resolve(LectureCharts.DEPTH_ACCURACY_CHART), "Validation accuracy per "
                        + "epoch, by depth");
            }
            case INITIALIZATION -> {
                outputs.add(initializationTable(lecture));
                addImage(outputs, folder.resolve(LectureCharts.INITIALIZATION_CHART), "Validation accuracy (top) and "
                        + "the share of saturated hidden units (bottom) from the start (epoch 0) on");
            }
            default -> throw new IllegalArgumentException("no such part: " + part);
        }
        return outputs;
    }

    /**
     * Part 7: softmax's properties on the test images, and the chart of −ln a_y, drawn into the lecture's folder.
     *
     * @param check  the check ({@link SoftmaxCheck#of})
     * @param folder the lecture's folder
     * @return the table and the chart
     */
    public static List<Document.Block> softmax(SoftmaxCheck check, Path folder) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("test images", String.format(Locale.ROOT, "%,d", check.examples()), ""));
        rows.add(List.of("smallest output a_j", String.format(Locale.ROOT, "%.3g", check.smallestOutput()),
                check.allPositive() ? "every output positive" : "NOT every output positive"));
        rows.add(List.of("largest |Σ_j a_j − 1|", String.format(Locale.ROOT, "%.2g", check.largestDeviation()),
                "sums to 1 up to float rounding"));
        for (boolean right : new boolean[] {true, false}) {
            List<Double> values = right ? check.right() : check.wrong();
            rows.add(List.of("−ln a_y, " + (right ? "right" : "wrong") + " answers (" + values.size() + ")",
                    String.format(Locale.ROOT, "median %.3f, 90th percentile %.3f, mean %.3f",
                            SoftmaxCheck.quantile(values, 0.5), SoftmaxCheck.quantile(values, 0.9),
                            SoftmaxCheck.mean(values)),
                    right ? "small: a happy network" : "large: an unhappy one"));
        }
        LectureCharts.softmax(folder, check);
        List<Document.Block> outputs = new ArrayList<>();
        outputs.add(new Document.Table(List.of("what", "LossLab", "so"), rows));
        addImage(outputs, folder.resolve(LectureCharts.SOFTMAX_CHART), "−ln a_y of the right digit on the test "
                + "images: right answers (green) sit near 0, wrong ones (red) far out");
        return outputs;
    }

    private static Document.Table candidateTable(Search.Outcome outcome) {
        List<List<String>> rows = new ArrayList<>();
        for (CandidateResult r : outcome.ranked()) {
            rows.add(List.of(r.label(), r.statusText(),
                    percent(r.validationAccuracy()), percent(r.testAccuracy()),
                    String.valueOf(r.metrics().size()), String.format(Locale.ROOT, "%.1f", r.seconds())));
        }
        return new Document.Table(List.of("candidate", "status", "validation accuracy", "test accuracy", "epochs",
                "seconds"), rows);
    }

    private static Document.Table depthTable(Lecture.Outcome o) {
        List<List<String>> rows = new ArrayList<>();
        for (Lecture.Row row : o.depth().stream().filter(r -> r.seed() == o.spec().seed()).toList()) {
            CandidateResult r = row.result();
            rows.add(List.of("784-" + joined(r.settings().hidden()) + "-10", percent(r.testAccuracy()),
                    row.book().map(b -> percent(b.accuracy())).orElse("—"), Numbers.points(row.pointsFromBook(), "—"),
                    percent(r.validationAccuracy()), r.statusText()));
        }
        return new Document.Table(List.of("network", "test accuracy", "the book (chapter 5)", "points",
                "validation accuracy", "status"), rows);
    }

    /** Per network, each hidden layer's mean |∂C/∂b| at the start and after the last epoch. */
    private static Document.Table speedTable(Lecture.Outcome o) {
        List<List<String>> rows = new ArrayList<>();
        int most = Lecture.DEPTHS.get(Lecture.DEPTHS.size() - 1).size();
        for (Lecture.Row row : o.depth().stream().filter(r -> r.seed() == o.spec().seed()).toList()) {
            List<EpochMetrics> metrics = Lecture.withStart(row.result());
            List<String> cells = new ArrayList<>(List.of("784-" + joined(row.result().settings().hidden()) + "-10"));
            EpochMetrics start = metrics.isEmpty() || metrics.get(0).epoch() != 0 ? null : metrics.get(0);
            EpochMetrics last = metrics.isEmpty() ? null : metrics.get(metrics.size() - 1);
            for (int layer = 0; layer < most; layer++) {
                cells.add(speed(start, layer) + " → " + speed(last == start ? null : last, layer));
            }
            rows.add(cells);
        }
        List<String> header = new ArrayList<>(List.of("network"));
        for (int layer = 1; layer <= most; layer++) {
            header.add("hidden layer " + layer + ": |∂C/∂b| start → end");
        }
        return new Document.Table(header, rows);
    }

    private static String speed(EpochMetrics metrics, int layer) {
        if (metrics == null || metrics.meanAbsBiasGradient().size() <= layer + 1
                || metrics.meanAbsBiasGradient().get(layer) == null) {
            return "—"; // the last entry is the output layer, not a hidden one
        }
        return String.format(Locale.ROOT, "%.2e", metrics.meanAbsBiasGradient().get(layer));
    }

    private static Document.Table initializationTable(Lecture.Outcome o) {
        List<List<String>> rows = new ArrayList<>();
        for (Lecture.Row row : o.initialization().stream().filter(r -> r.seed() == o.spec().seed()).toList()) {
            CandidateResult r = row.result();
            List<EpochMetrics> metrics = Lecture.withStart(r);
            boolean large = row.comparison().part() == Lecture.Part.INITIALIZATION;
            EpochMetrics start = metrics.isEmpty() || metrics.get(0).epoch() != 0 ? null : metrics.get(0);
            EpochMetrics first = r.metrics().isEmpty() ? null : r.metrics().get(0);
            EpochMetrics last = r.metrics().isEmpty() ? null : r.metrics().get(r.metrics().size() - 1);
            rows.add(List.of(large ? "N(0, 1)" : "N(0, 1/√n_in)", saturated(start), saturated(first),
                    saturated(last), first == null ? "—" : percent(first.validationAccuracy()),
                    large ? "under 87%" : "almost 93%", percent(r.validationAccuracy()), percent(r.testAccuracy())));
        }
        return new Document.Table(List.of("weights", "hidden units saturated at the start", "after epoch 1",
                "after the last", "validation accuracy after epoch 1", "the book after epoch 1",
                "validation accuracy at the end", "test accuracy"), rows);
    }

    private static String saturated(EpochMetrics metrics) {
        return metrics == null || metrics.saturation().isEmpty() ? "—"
                : Numbers.share(metrics.saturation().get(0), "—");
    }

    static String joined(List<Integer> hidden) {
        return hidden.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-"));
    }

    private static String bits(double value) {
        return String.format(Locale.ROOT, "%.3f bits", value);
    }

    private static String f3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String percent(OptionalDouble value) {
        return Numbers.percent(value, "—");
    }

    private static String percent(double value) {
        return Numbers.percent(OptionalDouble.of(value), "—");
    }

    private static Document.Image image(Path png, String caption) throws IOException {
        return new Document.Image(Files.readAllBytes(png), caption);
    }

    private static void addImage(List<Document.Block> outputs, Path png, String caption) throws IOException {
        if (Files.exists(png)) {
            outputs.add(image(png, caption));
        }
    }
}

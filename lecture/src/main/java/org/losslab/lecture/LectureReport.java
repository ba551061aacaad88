package org.losslab.lecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.losslab.data.DataLocator;
import org.losslab.experiment.NeuronLecture;
import org.losslab.experiment.NeuronReports;
import org.losslab.experiment.NeuronRun;
import org.losslab.notebook.Document;
import org.losslab.report.Numbers;
import org.losslab.search.CandidateResult;
import org.losslab.search.Search;

/**
 * The lecture's report: the formulas, the runs' tables and charts next to the book's figures, and the Java calls
 * that reproduce each experiment, as one {@link Document} (written as a notebook and as an HTML page).
 */
final class LectureReport {

    private LectureReport() {
    }

    // The lecture's formulas, in LaTeX (notebook) and MathML (HTML page).
    private static final Document.Formula QUADRATIC = new Document.Formula(
            "C = \\frac{1}{2}\\,\\lVert y - a \\rVert^2",
            "<math display=\"block\"><mi>C</mi><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><msup><mrow><mo>‖</mo>"
                    + "<mi>y</mi><mo>−</mo><mi>a</mi><mo>‖</mo></mrow><mn>2</mn></msup></math>");
    private static final Document.Formula QUADRATIC_GRADIENT = new Document.Formula(
            "\\frac{\\partial C}{\\partial w} = (a - y)\\,\\sigma'(z)\\,x, \\qquad "
                    + "\\frac{\\partial C}{\\partial b} = (a - y)\\,\\sigma'(z)",
            "<math display=\"block\"><mfrac><mrow><mo>∂</mo><mi>C</mi></mrow><mrow><mo>∂</mo><mi>w</mi></mrow>"
                    + "</mfrac><mo>=</mo><mo>(</mo><mi>a</mi><mo>−</mo><mi>y</mi><mo>)</mo><msup><mi>σ</mi><mo>′</mo>"
                    + "</msup><mo>(</mo><mi>z</mi><mo>)</mo><mi>x</mi><mo>,</mo><mspace width=\"2em\"/><mfrac><mrow>"
                    + "<mo>∂</mo><mi>C</mi></mrow><mrow><mo>∂</mo><mi>b</mi></mrow></mfrac><mo>=</mo><mo>(</mo>"
                    + "<mi>a</mi><mo>−</mo><mi>y</mi><mo>)</mo><msup><mi>σ</mi><mo>′</mo></msup><mo>(</mo><mi>z</mi>"
                    + "<mo>)</mo></math>");
    private static final Document.Formula CROSS_ENTROPY = new Document.Formula(
            "C = -\\left[\\,y \\ln a + (1 - y) \\ln (1 - a)\\,\\right]",
            "<math display=\"block\"><mi>C</mi><mo>=</mo><mo>−</mo><mo>[</mo><mi>y</mi><mi>ln</mi><mo>&#x2061;</mo><mi>a</mi>"
                    + "<mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo><mi>y</mi><mo>)</mo><mi>ln</mi><mo>&#x2061;</mo><mo>(</mo><mn>1</mn>"
                    + "<mo>−</mo><mi>a</mi><mo>)</mo><mo>]</mo></math>");
    private static final Document.Formula CROSS_ENTROPY_GRADIENT = new Document.Formula(
            "\\frac{\\partial C}{\\partial w} = x\\,(a - y), \\qquad \\frac{\\partial C}{\\partial b} = a - y",
            "<math display=\"block\"><mfrac><mrow><mo>∂</mo><mi>C</mi></mrow><mrow><mo>∂</mo><mi>w</mi></mrow>"
                    + "</mfrac><mo>=</mo><mi>x</mi><mo>(</mo><mi>a</mi><mo>−</mo><mi>y</mi><mo>)</mo><mo>,</mo>"
                    + "<mspace width=\"2em\"/><mfrac><mrow><mo>∂</mo><mi>C</mi></mrow><mrow><mo>∂</mo><mi>b</mi>"
                    + "</mrow></mfrac><mo>=</mo><mi>a</mi><mo>−</mo><mi>y</mi></math>");
    private static final Document.Formula SOFTMAX = new Document.Formula(
            "a_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}, \\qquad C = -\\ln a_y, \\qquad "
                    + "\\frac{\\partial C}{\\partial z_j} = a_j - y_j",
            "<math display=\"block\"><msub><mi>a</mi><mi>j</mi></msub><mo>=</mo><mfrac><msup><mi>e</mi><msub>"
                    + "<mi>z</mi><mi>j</mi></msub></msup><mrow><munder><mo>∑</mo><mi>k</mi></munder><msup><mi>e</mi>"
                    + "<msub><mi>z</mi><mi>k</mi></msub></msup></mrow></mfrac><mo>,</mo><mspace width=\"2em\"/>"
                    + "<mi>C</mi><mo>=</mo><mo>−</mo><mi>ln</mi><mo>&#x2061;</mo><msub><mi>a</mi><mi>y</mi></msub><mo>,</mo>"
                    + "<mspace width=\"2em\"/><mfrac><mrow><mo>∂</mo><mi>C</mi></mrow><mrow><mo>∂</mo><msub><mi>z</mi>"
                    + "<mi>j</mi></msub></mrow></mfrac><mo>=</mo><msub><mi>a</mi><mi>j</mi></msub><mo>−</mo><msub>"
                    + "<mi>y</mi><mi>j</mi></msub></math>");
    private static final Document.Formula ACTIVATIONS = new Document.Formula(
            "\\sigma(z) = \\frac{1}{1 + e^{-z}}, \\quad \\tanh(z) = 2\\sigma(2z) - 1, \\quad "
                    + "\\mathrm{ReLU}(z) = \\max(0, z), \\quad \\mathrm{swish}(z) = z\\,\\sigma(\\beta z)",
            "<math display=\"block\"><mi>σ</mi><mo>(</mo><mi>z</mi><mo>)</mo><mo>=</mo><mfrac><mn>1</mn><mrow>"
                    + "<mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mo>−</mo><mi>z</mi></mrow></msup></mrow></mfrac>"
                    + "<mo>,</mo><mspace width=\"1em\"/><mi>tanh</mi><mo>(</mo><mi>z</mi><mo>)</mo><mo>=</mo><mn>2</mn>"
                    + "<mi>σ</mi><mo>(</mo><mn>2</mn><mi>z</mi><mo>)</mo><mo>−</mo><mn>1</mn><mo>,</mo><mspace "
                    + "width=\"1em\"/><mi>ReLU</mi><mo>(</mo><mi>z</mi><mo>)</mo><mo>=</mo><mi>max</mi><mo>(</mo>"
                    + "<mn>0</mn><mo>,</mo><mi>z</mi><mo>)</mo><mo>,</mo><mspace width=\"1em\"/><mi>swish</mi><mo>(</mo>"
                    + "<mi>z</mi><mo>)</mo><mo>=</mo><mi>z</mi><mi>σ</mi><mo>(</mo><mi>β</mi><mi>z</mi><mo>)</mo></math>");

    static Document document(Lecture.Outcome outcome, Path notebooks, Map<String, Object> provenance)
            throws IOException {
        List<Document.Block> blocks = new ArrayList<>();
        Lecture.Outcome o = outcome;
        LectureSpec spec = o.spec();
        String title = "Losses and activations, reproduced with LossLab";
        blocks.add(new Document.Heading(1, title));
        String data = o.data().location().isSample()
                ? "the bundled sample of MNIST (" + DataLocator.SAMPLE_NOTICE + ")"
                : o.data().dataset().id() + " from " + o.data().location().source();
        blocks.add(new Document.Text("This notebook follows the lecture *Losses and activations* (Michael Nielsen, "
                + "*Neural Networks and Deep Learning*, chapter 3) with LossLab on Deeplearning4j 1.0.0-beta7. "
                + "It was written by `./losslab lecture" + (spec.isFull() ? " --full" : "") + "` (run `"
                + o.name() + "`, profile **" + spec.profile().id() + "**: " + spec.epochs() + " epochs, "
                + String.format(Locale.ROOT, "%,d", o.data().train().count()) + " training, "
                + String.format(Locale.ROOT, "%,d", o.data().validation().count()) + " validation and "
                + String.format(Locale.ROOT, "%,d", o.data().test().count()) + " test images of " + data
                + ", mini-batches of 10, " + seedWords(spec) + ").\n\n"
                + "The outputs below are the ones that run produced. The code cells are the LossLab Java API calls "
                + "that reproduce each experiment; they run in Jupyter with the "
                + "[IJava](https://github.com/SpencerPark/IJava) kernel once `./losslab` has built its libraries. Run "
                + "again, they reuse the finished models in `" + relative(notebooks, o.folder())
                + "` and train only what is missing."));
        blocks.add(new Document.Code("%jars " + libraries(notebooks) + "/*.jar", List.of()));
        blocks.add(new Document.Code("""
                import java.nio.file.Path;
                import java.util.List;
                import java.util.concurrent.ExecutorService;
                import org.losslab.data.*;
                import org.losslab.experiment.*;
                import org.losslab.lecture.*;
                import org.losslab.preset.*;
                import org.losslab.search.*;""", List.of()));

        neuron(blocks, o);
        costs(blocks, o, notebooks);
        activations(blocks, o, notebooks);

        blocks.add(new Document.Heading(2, "4. All of it again"));
        blocks.add(new Document.Text("From a shell: `./losslab lecture" + (spec.isFull() ? " --full" : "")
                + "` (add `--ui` to watch the training in DL4J's browser UI). An interrupted run continues where it "
                + "stopped when started again; the same seed gives the same numbers. From Java, in one call:"));
        blocks.add(new Document.Code("Lecture.Outcome lecture = Lecture.run(LectureRequest.of(" + specCode(spec)
                + ").withName(\"" + o.name() + "\").withModels(Path.of(\""
                + relative(notebooks, o.folder().getParent()) + "\")).withNotebooks(Path.of(\".\")).withData(data));"
                + "\nSystem.out.println(lecture.notebook());",
                List.of(new Document.Text(o.notebook().getFileName().toString()))));
        return new Document(title, blocks, provenance);
    }

    private static void neuron(List<Document.Block> blocks, Lecture.Outcome o) throws IOException {
        blocks.add(new Document.Heading(2, "1. One neuron: why the quadratic cost learns slowly"));
        blocks.add(new Document.Text("One sigmoid neuron learns to map the input 1 to the output 0. Under the "
                + "quadratic cost"));
        blocks.add(QUADRATIC);
        blocks.add(new Document.Text("the gradient carries the factor σ′(z):"));
        blocks.add(QUADRATIC_GRADIENT);
        blocks.add(new Document.Text("From w = 0.6, b = 0.9 the output starts at 0.82 and falls fast. From w = b = 2 "
                + "it starts at 0.98, where σ′ is tiny: the neuron is *saturated* and barely moves for 150 epochs, "
                + "although it is badly wrong. The cross-entropy cost"));
        blocks.add(CROSS_ENTROPY);
        blocks.add(new Document.Text("cancels σ′, so the neuron learns in proportion to its error:"));
        blocks.add(CROSS_ENTROPY_GRADIENT);
        blocks.add(new Document.Text("The book's cross-entropy runs use η = 0.005 (the quadratic runs 0.15), so that "
                + "the curves' shapes, not their speed, can be compared; both are shown."));
        List<List<String>> rows = new ArrayList<>();
        for (NeuronRun run : o.neuron()) {
            List<String> book = NeuronLecture.bookFigures().stream().filter(f -> f.run().equals(run.label()))
                    .map(f -> String.format(Locale.ROOT, "%.3f at epoch %d", f.output(), f.epoch())).toList();
            rows.add(List.of(run.label(), f3(run.at(0).output()), f3(run.at(150).output()), f3(run.at(300).output()),
                    String.format(Locale.ROOT, "%.5f", Math.abs(run.at(0).dCdw())),
                    book.isEmpty() ? "—" : String.join("; ", book)));
        }
        Path neuron = o.folder().resolve("neuron");
        blocks.add(new Document.Code("""
                List<NeuronRun> neuronRuns = NeuronLecture.run();
                for (NeuronRun run : neuronRuns) {
                    System.out.printf("%-40s a(0)=%.3f a(150)=%.3f a(300)=%.3f%n", run.label(),
                            run.at(0).output(), run.at(150).output(), run.at(300).output());
                }
                NeuronReports.neuronOutputs(Path.of("neuron-output.png"), neuronRuns);
                NeuronReports.neuronGradients(Path.of("neuron-gradient.png"), neuronRuns);""", List.of(
                new Document.Table(List.of("run", "a at epoch 0", "a at 150", "a at 300", "|∂C/∂w| at 0",
                        "the book"), rows),
                image(neuron.resolve(NeuronReports.OUTPUT_CHART), "Output a against epoch, each run"),
                image(neuron.resolve(NeuronReports.GRADIENT_CHART), "|∂C/∂w| against epoch: the slowdown itself"))));
    }

    private static void costs(List<Document.Block> blocks, Lecture.Outcome o, Path notebooks) throws IOException {
        LectureSpec spec = o.spec();
        blocks.add(new Document.Heading(2, "2. MNIST: cross-entropy, quadratic and softmax"));
        blocks.add(new Document.Text("784-n-10 networks with n = 30 and n = 100 sigmoid hidden neurons, mini-batches "
                + "of 10, weights and biases drawn from N(0, 1) (the book's chapter 1 and 3 setting): cross-entropy "
                + "with sigmoid outputs at η = 0.5 (chapter 3), the quadratic cost at η = 3.0 (chapter 1), and "
                + "softmax outputs with the log-likelihood cost at η = 0.5, whose output error has the same a − y "
                + "form:"));
        blocks.add(SOFTMAX);
        blocks.add(new Document.Text("The three searches run side by side, one candidate per core, and are scored "
                + "on the validation images (the last 10,000 of MNIST's training file); the test images only give "
                + "the final accuracy."));
        String dataCode = "MnistData data = MnistData.load(" + dataSpecCode(o) + ");\n"
                + "ExecutorService pool = Search.pool(2);   // two candidates at a time";
        blocks.add(new Document.Code(dataCode, List.of(new Document.Text(String.format(Locale.ROOT,
                "%s: %,d training, %,d validation, %,d test images", o.data().location().source(),
                o.data().train().count(), o.data().validation().count(), o.data().test().count())))));
        for (Lecture.Comparison comparison : Lecture.comparisons(spec).values()) {
            if (!comparison.part().comparesCosts()) {
                continue;
            }
            blocks.add(new Document.Heading(3, comparison.title()));
            blocks.add(searchCode(comparison, o, notebooks, List.of(candidateTable(o.comparisons()
                    .get(comparison.part())))));
        }
        blocks.add(new Document.Heading(3, "Next to the book"));
        List<List<String>> rows = new ArrayList<>();
        boolean seeds = spec.isMultiSeed();
        for (Lecture.Row row : o.costs()) {
            CandidateResult r = row.result();
            List<String> cells = new ArrayList<>(List.of(r.settings().preset().id(),
                    String.valueOf(r.settings().hidden().get(0)), Numbers.plain(r.settings().eta())));
            if (seeds) {
                cells.add(String.valueOf(row.seed()));
            }
            cells.addAll(List.of(percent(r.testAccuracy()),
                    row.book().map(b -> percent(b.accuracy()) + " (" + b.where() + ")").orElse("—"),
                    Numbers.points(row.pointsFromBook(), "—"), percent(r.validationAccuracy()),
                    Numbers.share(row.outputSaturation(), "—"),
                    row.stuck() ? r.status().id() + ", stuck" : r.status().id()));
            rows.add(cells);
        }
        List<String> header = new ArrayList<>(List.of("cost", "hidden", "η"));
        if (seeds) {
            header.add("seed");
        }
        header.addAll(List.of("test accuracy", "the book", "points", "validation accuracy", "output units saturated",
                "status"));
        blocks.add(new Document.Table(header, rows));
        List<String> stuck = o.costs().stream().filter(Lecture.Row::stuck).map(row -> "`" + row.result().label()
                + "`" + (seeds ? " (seed " + row.seed() + ")" : "")).toList();
        if (!stuck.isEmpty()) {
            blocks.add(new Document.Text("**Stuck:** " + String.join(", ", stuck) + " ended with most of its output "
                    + "units saturated: σ(z) is pinned near 0 or 1 for some digits, σ′(z) is nearly 0, and under the "
                    + "quadratic cost that factor all but stops their learning: part 1's slow neuron, ten of them at "
                    + "once. With weights drawn from N(0, 1) this depends on the draw: from the same settings, other "
                    + "seeds (`--seed`) may learn every digit. Cross-entropy cancels σ′ and does not get stuck this "
                    + "way."));
        }
        if (seeds) {
            spreadSection(blocks, o, o.spreads().stream().filter(sp -> sp.part().comparesCosts()).toList(),
                    List.of(Lecture.Part.CROSS_ENTROPY, Lecture.Part.QUADRATIC, Lecture.Part.SOFTMAX));
        }
        blocks.add(new Document.Text(spec.isBookSetting()
                ? "These are the book's settings on all of MNIST; a single run's accuracy moves by a few tenths of a "
                + "point with the seed, so a faithful run lands within about half a point of each figure, unless "
                + "a network gets stuck (see above when one did)" + (seeds ? "; the book's figures are single "
                + "runs too, so the question is whether each lies inside LossLab's range over the seeds." : ".")
                : "**Not the book's setting** (" + spec.epochs() + " epochs on " + String.format(Locale.ROOT, "%,d",
                o.data().train().count()) + " training images" + (o.data().location().isSample()
                ? ", the bundled sample" : "") + "): the figures show the same comparison, but only "
                + "`./losslab lecture --full` on all of MNIST is comparable with the book's."));
        Path chart = o.folder().resolve("costs-accuracy.png");
        if (Files.exists(chart)) {
            blocks.add(new Document.Image(Files.readAllBytes(chart),
                    "Validation accuracy against epoch: 30 hidden neurons (top), 100 (bottom)"
                            + (seeds ? ", seed " + spec.seed() : "")));
        }
    }

    /**
     * The settings over the seeds: per setting the median, the range and the stuck seeds, where the book's figure
     * lies, and each part's chart of every seed.
     */
    private static void spreadSection(List<Document.Block> blocks, Lecture.Outcome o, List<Lecture.Spread> spreads,
                                      List<Lecture.Part> parts) throws IOException {
        int seeds = o.spec().seeds().size();
        blocks.add(new Document.Heading(3, "Over " + seeds + " seeds"));
        blocks.add(new Document.Text("Every setting above was trained with each of the seeds "
                + o.spec().seeds().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + " (the seed draws the initial weights and the order of the mini-batches). Per setting: the median "
                + "test accuracy, the range from the worst seed to the best, how many seeds got stuck, and where "
                + "the book's single-run figure lies against that range. `results.csv` in the lecture's folder has "
                + "every network, one row each."));
        List<List<String>> rows = new ArrayList<>();
        for (Lecture.Spread spread : spreads) {
            rows.add(List.of(spread.label(), percent(spread.median()), percent(spread.min()) + " – "
                    + percent(spread.max()), spread.stuck() + " of " + spread.rows().size(),
                    spread.book().map(b -> percent(b.accuracy())).orElse("—"), spread.sentence()));
        }
        blocks.add(new Document.Table(List.of("setting", "median", "range", "stuck", "the book", "so"), rows));
        for (Lecture.Part part : parts) {
            Path chart = o.folder().resolve(LectureCharts.seedsChart(part));
            if (Files.exists(chart)) {
                blocks.add(new Document.Image(Files.readAllBytes(chart), Lecture.comparison(o.spec(), part).title()
                        + ": each seed's test accuracy per setting" + (part.comparesCosts() ? ", the book's figure "
                        + "as a black diamond" : "")));
            }
        }
    }

    private static void activations(List<Document.Block> blocks, Lecture.Outcome o, Path notebooks)
            throws IOException {
        Lecture.Comparison comparison = Lecture.comparison(o.spec(), Lecture.Part.ACTIVATIONS);
        blocks.add(new Document.Heading(2, "3. Hidden activations"));
        blocks.add(ACTIVATIONS);
        blocks.add(new Document.Text("σ′ is at most 1/4 and tanh′ at most 1, and both vanish when |z| is large: a "
                + "saturated hidden unit passes almost no gradient back, whatever the cost. ReLU's slope is 1 for "
                + "z > 0 (and 0 below: a unit that is always negative is dead); swish (β = 1 in DL4J) is smooth and "
                + "does not saturate for large z. The four are compared under cross-entropy, 784-30-10, from the "
                + "scaled init (weights N(0, 1/n_in)) at η = 0.1: from the large init at η = 0.5, ReLU dies and swish "
                + "diverges. The charts show what the lecture predicts: the mean |∂C/∂w| of each layer per epoch, "
                + "and the share of saturated units (sigmoid: a < 0.02 or a > 0.98; tanh: |a| > 0.96; ReLU and "
                + "swish do not saturate)."));
        Path folder = o.folder().resolve(comparison.name());
        List<Document.Block> outputs = new ArrayList<>();
        outputs.add(candidateTable(o.comparisons().get(comparison.part())));
        addImage(outputs, folder.resolve("validation-accuracy.png"), "Validation accuracy against epoch");
        addImage(outputs, o.folder().resolve("activations-gradient.png"),
                "Mean |∂C/∂w| of the hidden layer (top) and the output layer (bottom) against epoch");
        addImage(outputs, o.folder().resolve("activations-saturation.png"),
                "Share of saturated units in the hidden layer (top) and the output layer (bottom)");
        blocks.add(searchCode(comparison, o, notebooks, outputs));
        if (o.spec().isMultiSeed()) {
            spreadSection(blocks, o, o.spreads().stream().filter(sp -> sp.part() == Lecture.Part.ACTIVATIONS)
                    .toList(), List.of(Lecture.Part.ACTIVATIONS));
        }
    }

    private static Document.Code searchCode(Lecture.Comparison comparison, Lecture.Outcome o, Path notebooks,
                                            List<Document.Block> outputs) {
        String variable = camel(comparison.name());
        String json = comparison.search().toJson().replace("\n", "\n        ");
        String code = "SearchSpec " + variable + " = SearchSpec.parse(\"\"\"\n        " + json + "\n        \"\"\");\n"
                + "Search.Outcome " + variable + "Results = Search.start(SearchRequest.of(" + variable + ", Path.of(\""
                + relative(notebooks, o.folder().resolve(comparison.name())) + "\")).withData(data)\n"
                + "        .withResume(true).withListener((result, done, total) -> System.out.println(result.label()"
                + " + \": \" + result.status())), pool).finish();";
        return new Document.Code(code, outputs);
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

    private static String dataSpecCode(Lecture.Outcome o) {
        String limits = ".withLimits(" + o.spec().trainLimit() + ", " + o.spec().testLimit() + ")";
        if (o.data().location().isSample()) {
            return "DataSpec.of(Dataset.SAMPLE)" + limits;
        }
        return "DataSpec.of(Dataset." + o.data().dataset().name() + ").withDataDir(Path.of(\""
                + o.data().location().folder().orElseThrow().toAbsolutePath().toString().replace("\\", "\\\\") + "\"))" + limits;
    }

    private static String specCode(LectureSpec spec) {
        String base = spec.isFull() ? "LectureSpec.full()" : "LectureSpec.quick()";
        LectureSpec plain = spec.isFull() ? LectureSpec.full() : LectureSpec.quick();
        if (spec.dataset() != plain.dataset()) {
            base += ".withDataset(Dataset." + spec.dataset().name() + ")";
        }
        if (spec.epochs() != plain.epochs()) {
            base += ".withEpochs(" + spec.epochs() + ")";
        }
        if (spec.trainLimit() != plain.trainLimit() || spec.testLimit() != plain.testLimit()) {
            base += ".withLimits(" + spec.trainLimit() + ", " + spec.testLimit() + ")";
        }
        if (spec.isMultiSeed()) {
            base += ".withSeeds(List.of(" + spec.seeds().stream().map(seed -> seed + "L")
                    .collect(java.util.stream.Collectors.joining(", ")) + "))";
        } else if (spec.seed() != 1L) {
            base += ".withSeed(" + spec.seed() + "L)";
        }
        return base;
    }

    /** {@return the seeds in words: {@code seed 1}, or {@code seeds 1, 2, 3 (each MNIST setting once per seed)}} */
    private static String seedWords(LectureSpec spec) {
        return spec.isMultiSeed() ? "seeds " + spec.seeds().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", ")) + ", every MNIST setting trained once per seed"
                : "seed " + spec.seed();
    }

    private static Document.Image image(Path png, String caption) throws IOException {
        return new Document.Image(Files.readAllBytes(png), caption);
    }

    private static void addImage(List<Document.Block> outputs, Path png, String caption) throws IOException {
        if (Files.exists(png)) {
            outputs.add(image(png, caption));
        }
    }

    /** The path from the notebook's folder to {@code target}, with forward slashes. */
    private static String relative(Path notebooks, Path target) {
        return notebooks.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    /**
     * The folder of LossLab's libraries as the notebook's folder sees it: where this module's jar lies (the
     * distribution's {@code cli/target/lib}, which holds every LossLab module and what they need), or, run from a
     * source checkout's classes, that checkout's {@code cli/target/lib}.
     */
    private static String libraries(Path notebooks) {
        try {
            Path location = Path.of(LectureReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return relative(notebooks, location.getParent());
            }
            // lecture/target/classes → the checkout's root
            return relative(notebooks, location.getParent().getParent().getParent().resolve("cli/target/lib"));
        } catch (Exception e) {
            return "../cli/target/lib";
        }
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
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
}

package org.losslab.lecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.losslab.data.DataLocator;
import org.losslab.data.Dataset;
import org.losslab.experiment.NeuronLecture;
import org.losslab.experiment.NeuronRun;
import org.losslab.notebook.Document;
import org.losslab.report.Numbers;
import org.losslab.search.CandidateResult;

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

    private static final Document.Formula LINEAR_GRADIENT = new Document.Formula(
            "a = z = wx + b, \\qquad \\frac{\\partial C}{\\partial w} = (a - y)\\,x, \\qquad "
                    + "\\frac{\\partial C}{\\partial b} = a - y",
            "<math display=\"block\"><mi>a</mi><mo>=</mo><mi>z</mi><mo>=</mo><mi>w</mi><mi>x</mi><mo>+</mo><mi>b</mi>"
                    + "<mo>,</mo><mspace width=\"2em\"/><mfrac><mrow><mo>∂</mo><mi>C</mi></mrow><mrow><mo>∂</mo>"
                    + "<mi>w</mi></mrow></mfrac><mo>=</mo><mo>(</mo><mi>a</mi><mo>−</mo><mi>y</mi><mo>)</mo><mi>x</mi>"
                    + "<mo>,</mo><mspace width=\"2em\"/><mfrac><mrow><mo>∂</mo><mi>C</mi></mrow><mrow><mo>∂</mo>"
                    + "<mi>b</mi></mrow></mfrac><mo>=</mo><mi>a</mi><mo>−</mo><mi>y</mi></math>");
    private static final Document.Formula ENTROPY = new Document.Formula(
            "H(p) = -\\sum_i p_i \\log_2 p_i, \\qquad H(p, q) = -\\sum_i p_i \\log_2 q_i \\;\\ge\\; H(p), "
                    + "\\qquad D(p \\,\\|\\, q) = H(p, q) - H(p)",
            "<math display=\"block\"><mi>H</mi><mo>(</mo><mi>p</mi><mo>)</mo><mo>=</mo><mo>−</mo><munder><mo>∑</mo>"
                    + "<mi>i</mi></munder><msub><mi>p</mi><mi>i</mi></msub><msub><mi>log</mi><mn>2</mn></msub>"
                    + "<msub><mi>p</mi><mi>i</mi></msub><mo>,</mo><mspace width=\"2em\"/><mi>H</mi><mo>(</mo><mi>p</mi>"
                    + "<mo>,</mo><mi>q</mi><mo>)</mo><mo>=</mo><mo>−</mo><munder><mo>∑</mo><mi>i</mi></munder><msub>"
                    + "<mi>p</mi><mi>i</mi></msub><msub><mi>log</mi><mn>2</mn></msub><msub><mi>q</mi><mi>i</mi></msub>"
                    + "<mo>≥</mo><mi>H</mi><mo>(</mo><mi>p</mi><mo>)</mo><mo>,</mo><mspace width=\"2em\"/><mi>D</mi>"
                    + "<mo>(</mo><mi>p</mi><mo>‖</mo><mi>q</mi><mo>)</mo><mo>=</mo><mi>H</mi><mo>(</mo><mi>p</mi><mo>,"
                    + "</mo><mi>q</mi><mo>)</mo><mo>−</mo><mi>H</mi><mo>(</mo><mi>p</mi><mo>)</mo></math>");

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
                + o.name() + "`, profile **" + spec.profile().id() + "**: " + Numbers.count(spec.epochs(), "epoch") + ", "
                + String.format(Locale.ROOT, "%,d", o.data().train().count()) + " training, "
                + String.format(Locale.ROOT, "%,d", o.data().validation().count()) + " validation and "
                + String.format(Locale.ROOT, "%,d", o.data().test().count()) + " test images of " + data
                + ", mini-batches of 10, " + seedWords(spec) + ").\n\n"
                + "The outputs below are what the code cells show when run again, in order, in Jupyter with a "
                + "Java kernel ([JJava](https://github.com/dflib/jjava), the maintained successor of IJava, with "
                + "the same `java` kernel spec and magics) from the notebook's own folder, once `./losslab` has "
                + "built its libraries: the cells open the finished lecture in `" + relative(notebooks, o.folder())
                + "` with `Lecture.open`, which trains nothing and writes no report, and draw its charts again "
                + "inside that folder; they write nothing anywhere else. `Lecture.run` (section 8) runs it anew."));
        blocks.add(new Document.Code("%jars " + libraries(notebooks) + "/*.jar", List.of()));
        blocks.add(new Document.Code("""
                import java.nio.file.Path;
                import java.util.List;
                import org.losslab.data.*;
                import org.losslab.experiment.*;
                import org.losslab.information.*;
                import org.losslab.lecture.*;
                import org.losslab.notebook.*;
                import org.losslab.preset.*;
                import org.losslab.search.*;

                // each output as the kernel displays it: tables as HTML, charts as images, text as text
                void show(List<Document.Block> outputs) {
                    for (Document.Block output : outputs) {
                        display(Displays.value(output), Displays.types(output));
                    }
                }""", List.of()));
        blocks.add(new Document.Code("MnistData data = MnistData.load(" + dataSpecCode(o) + ");\n"
                + "Lecture.Outcome lecture = Lecture.open(LectureRequest.of(" + specCode(spec) + ")\n"
                + "        .withName(\"" + o.name() + "\").withModels(Path.of(\""
                + relative(notebooks, o.folder().getParent()) + "\")).withData(data));\n"
                + "show(LectureOutputs.opened(lecture));", LectureOutputs.opened(o)));

        question(blocks);
        neuron(blocks, o);
        entropy(blocks, o);
        costs(blocks, o, notebooks);
        activations(blocks, o, notebooks);
        depth(blocks, o, notebooks);
        initialization(blocks, o, notebooks);
        softmax(blocks, o);

        blocks.add(new Document.Heading(2, "8. All of it again"));
        blocks.add(new Document.Text("From a shell: `./losslab lecture" + (spec.isFull() ? " --full" : "")
                + "` (add `--ui` to watch the training in DL4J's browser UI). An interrupted run continues where it "
                + "stopped when started again; the same seed gives the same numbers. From Java, in one call:"));
        blocks.add(new Document.Text("```java\nLecture.Outcome again = Lecture.run(LectureRequest.of(" + specCode(spec)
                + ")\n        .withName(\"" + o.name() + "-again\").withModels(Path.of(\""
                + relative(notebooks, o.folder().getParent()) + "\")).withNotebooks(Path.of(\"" + relative(notebooks,
                o.folder().getParent()) + "/" + o.name() + "-again\")).withData(data));\n```\n\n"
                + "trains every network again under another name (the same seed gives the same numbers) and writes "
                + "its notebook and HTML page into that lecture's folder, so this notebook stays as it is."));
        return new Document(title, blocks, provenance);
    }

    /** The lecture's opening question and its three answers, and where each part takes them up. */
    private static void question(List<Document.Block> blocks) {
        blocks.add(new Document.Heading(2, "The question"));
        blocks.add(new Document.Text("A network learns through its gradient. How can it lose it? The lecture gives "
                + "three answers:\n\n"
                + "1. **The activation's derivative goes to 0.** A saturated sigmoid has σ′(z) ≈ 0, and every "
                + "gradient through it carries that factor (parts 1, 3 and 4).\n"
                + "2. **Many layers.** The gradient of an early layer is a product of one factor per later layer; "
                + "with sigmoids each is at most 1/4, so the early layers learn much more slowly (part 5).\n"
                + "3. **A wrong initialisation.** Weights drawn too large push the weighted inputs far from 0 and "
                + "saturate the units from the first step (part 6).\n\n"
                + "For the slow neuron the lecture offers two fixes: change the cost (cross-entropy cancels σ′) or "
                + "change the activation (a linear output has no σ′): \"let's try both!\" (part 1). Part 2 says "
                + "what cross-entropy means, part 3 compares the costs on MNIST, part 7 checks softmax's promises on "
                + "a trained network. Each part names the slide or the book's figure it reproduces and how far "
                + "LossLab lands from it."));
    }

    private static void neuron(List<Document.Block> blocks, Lecture.Outcome o) throws IOException {
        blocks.add(new Document.Heading(2, "1. One neuron: why the quadratic cost learns slowly, and two fixes"));
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
                + "the curves' shapes, not their speed, can be compared; both are shown. The second fix keeps the "
                + "quadratic cost and changes the activation: a linear output neuron,"));
        blocks.add(LINEAR_GRADIENT);
        blocks.add(new Document.Text("has no σ′ to vanish. Here x = 1 and y = 0, so ∂C/∂w = ∂C/∂b = a and each step "
                + "takes 2ηa off a = w + b: at η = 0.15 the output is multiplied by 0.7 every epoch, a = 4·0.7ᵗ from "
                + "(2, 2), the start where the sigmoid crawls. What it costs, as the lecture warns: the output is "
                + "unbounded (it started at 4 for a target in [0, 1]) and no probability, so it cannot be read as "
                + "one, and cross-entropy, which needs a in (0, 1), cannot be its cost. That is why the lecture keeps "
                + "sigmoid or softmax outputs and changes the cost.\n\n"
                + "Reproduces the lecture's slides of the slow neuron (the book's chapter 3 animations): the table "
                + "lists each figure the book gives next to LossLab's; " + neuronLanding(o) + "."));
        blocks.add(new Document.Code("""
                List<NeuronRun> neuronRuns = NeuronLecture.run();   // no randomness: the lecture's fixed starts
                show(LectureOutputs.neuron(neuronRuns, lecture.folder()));""",
                LectureOutputs.neuron(o.neuron(), o.folder())));
    }

    /** How far the neuron runs land from the book's figures: the largest difference. */
    private static String neuronLanding(Lecture.Outcome o) {
        double worst = 0;
        int figures = 0;
        for (NeuronLecture.BookFigure figure : NeuronLecture.bookFigures()) {
            for (NeuronRun run : o.neuron()) {
                if (run.label().equals(figure.run())) {
                    worst = Math.max(worst, Math.abs(run.at(figure.epoch()).output() - figure.output()));
                    figures++;
                }
            }
        }
        return String.format(Locale.ROOT, "all %d agree within %.4f (the book prints three decimals)", figures, worst);
    }

    private static void costs(List<Document.Block> blocks, Lecture.Outcome o, Path notebooks) throws IOException {
        LectureSpec spec = o.spec();
        blocks.add(new Document.Heading(2, "3. MNIST: cross-entropy, quadratic and softmax"));
        blocks.add(new Document.Text("784-n-10 networks with n = 30 and n = 100 sigmoid hidden neurons, mini-batches "
                + "of 10, weights and biases drawn from N(0, 1) (the book's chapter 1 and 3 setting): cross-entropy "
                + "with sigmoid outputs at η = 0.5 (chapter 3), the quadratic cost at η = 3.0 (chapter 1), and "
                + "softmax outputs with the log-likelihood cost at η = 0.5, whose output error has the same a − y "
                + "form:"));
        blocks.add(SOFTMAX);
        blocks.add(new Document.Text("The three searches run side by side, one candidate per core, and are scored "
                + "on the validation images (the last 10,000 of MNIST's training file); the test images only give "
                + "the final accuracy."));
        for (Lecture.Comparison comparison : Lecture.comparisons(spec).values()) {
            if (!comparison.part().comparesCosts()) {
                continue;
            }
            blocks.add(new Document.Heading(3, comparison.title()));
            blocks.add(partCode(o, comparison.part()));
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
                    + "way. The rule: " + Lecture.STUCK_RULE + "."));
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
                : "**Not the book's setting** (" + Numbers.count(spec.epochs(), "epoch") + " on " + String.format(Locale.ROOT, "%,d",
                o.data().train().count()) + " training images" + (o.data().location().isSample()
                ? ", the bundled sample" : "") + "): the figures show the same comparison, but only "
                + "`./losslab lecture --full` on all of MNIST is comparable with the book's."));
        blocks.add(new Document.Text(landing(o.firstSeedCosts(), "the book's chapter 1 and 3 figures", spec)));
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
        blocks.add(new Document.Heading(2, "4. Hidden activations"));
        blocks.add(ACTIVATIONS);
        blocks.add(new Document.Text("σ′ is at most 1/4 and tanh′ at most 1, and both vanish when |z| is large: a "
                + "saturated hidden unit passes almost no gradient back, whatever the cost. ReLU's slope is 1 for "
                + "z > 0 (and 0 below: a unit that is always negative is dead); swish (β = 1 in DL4J) is smooth and "
                + "does not saturate for large z. The four are compared under cross-entropy, 784-30-10, from the "
                + "scaled init (weights N(0, 1/n_in)) at η = 0.1: from the large init at η = 0.5, ReLU dies and swish "
                + "diverges. The charts show what the lecture predicts: the mean |∂C/∂w| of each layer per epoch, "
                + "and the share of saturated units (sigmoid: a < 0.02 or a > 0.98; tanh: |a| > 0.96; ReLU and "
                + "swish do not saturate)."));
        blocks.add(partCode(o, Lecture.Part.ACTIVATIONS));
        blocks.add(new Document.Text("Reproduces the lecture's slide of hidden activations, which gives their "
                + "formulas and slopes but no MNIST figures (nor does the book for these 784-30-10 networks): the table "
                + "is LossLab's own comparison, and the charts show the slide's point, the saturating activations' "
                + "smaller gradients and saturated units."));
        if (o.spec().isMultiSeed()) {
            spreadSection(blocks, o, o.spreads().stream().filter(sp -> sp.part() == Lecture.Part.ACTIVATIONS)
                    .toList(), List.of(Lecture.Part.ACTIVATIONS));
        }
    }

    /** Entropy and cross-entropy: the lecture's examples, computed, and the neuron's cost read as surprise. */
    private static void entropy(List<Document.Block> blocks, Lecture.Outcome o) {
        blocks.add(new Document.Heading(2, "2. Entropy and cross-entropy: the cost as surprise"));
        blocks.add(new Document.Text("An outcome of probability p carries a surprise of −log₂ p bits. The entropy of "
                + "a distribution is its mean surprise, the bits per outcome that the best code for it needs; the "
                + "cross-entropy is what a code made for a wrong model q needs when the outcomes follow p. It is "
                + "never less than the entropy, and equal only when q = p; the excess is the Kullback–Leibler "
                + "divergence:"));
        blocks.add(ENTROPY);
        blocks.add(new Document.Code("""
                // H(p) = Entropy.entropy(p, unit), H(p, q) = Entropy.crossEntropy(p, q, unit), D = klDivergence
                show(LectureOutputs.entropy());""", LectureOutputs.entropy()));
        blocks.add(new Document.Text("For one sigmoid output a and a target y the two outcomes are \"1\" with "
                + "probability y and \"0\" with 1 − y: the binary cross-entropy −[y ln a + (1 − y) ln(1 − a)] is "
                + "exactly part 1's cross-entropy cost (DL4J's `XENT`, in nats; divide by ln 2 for bits). So the "
                + "neuron's cost is its surprise at the right answer, and learning lowers it:"));
        blocks.add(new Document.Code("""
                // −[y ln a + (1 − y) ln(1 − a)] in bits: Entropy.binaryCrossEntropy(y, a, Entropy.Unit.BITS)
                show(LectureOutputs.surprise(neuronRuns));""", LectureOutputs.surprise(o.neuron())));
        blocks.add(new Document.Text("Reproduces the lecture's entropy slides: the coin and the die exactly (to the "
                + "printed digits), and the inequality H(p, q) ≥ H(p) with its equality case; `EntropyTest` checks "
                + "them, and the inequality on random distributions."));
    }

    /** Many layers: accuracies next to the book's chapter 5 figures, and each layer's speed of learning. */
    private static void depth(List<Document.Block> blocks, Lecture.Outcome o, Path notebooks) throws IOException {
        Lecture.Comparison comparison = Lecture.comparison(o.spec(), Lecture.Part.DEPTH);
        blocks.add(new Document.Heading(2, "5. Many layers: the vanishing gradient"));
        blocks.add(new Document.Text("The book's chapter 5 trains 784-30-10 and deeper networks of 30-unit sigmoid "
                + "layers with network2's defaults: cross-entropy, weights N(0, 1/√n_in), η = 0.1, L2 λ = 5.0, "
                + "mini-batches of 10, 30 epochs, and reports 96.48 %, 96.90 %, 96.57 % and 96.53 % for one to four "
                + "hidden layers: more layers do not help. The reason is its figure of each layer's *speed of "
                + "learning*, the size of ∂C/∂b: the earlier layers learn much more slowly than the later ones, "
                + "because the gradient reaching layer l is a product of a weight and a σ′(z) ≤ 1/4 for every layer "
                + "after it. LossLab records each layer's mean |∂C/∂b| and |∂C/∂w| at the start (on the first 1,000 "
                + "training images, as the book does) and per epoch (averaged over every tenth mini-batch)."));
        blocks.add(partCode(o, Lecture.Part.DEPTH));
        blocks.add(new Document.Text(landing(o.depth().stream().filter(r -> r.seed() == o.spec().seed()).toList(),
                "the book's chapter 5 figures", o.spec())));
        if (o.spec().isMultiSeed()) {
            spreadSection(blocks, o, o.spreads().stream().filter(sp -> sp.part() == Lecture.Part.DEPTH).toList(),
                    List.of(Lecture.Part.DEPTH));
        }
    }

    /**
     * The deepest network's gap between its first and last hidden layer, at the start and after the last epoch, in
     * words: what the chart shows, said with its numbers (whether or not the gap lasts).
     */
    static String speedSentence(Lecture.Outcome o) {
        Optional<Lecture.Row> deepest = o.depth().stream().filter(r -> r.seed() == o.spec().seed())
                .max(java.util.Comparator.comparingInt(r -> r.result().settings().hidden().size()));
        if (deepest.isEmpty()) {
            return "No deep network ran.";
        }
        List<org.losslab.experiment.EpochMetrics> metrics = Lecture.withStart(deepest.get().result());
        int layers = deepest.get().result().settings().hidden().size();
        if (metrics.size() < 2 || metrics.get(0).epoch() != 0 || layers < 2) {
            return "The deepest network has no start and end to compare.";
        }
        double start = ratio(metrics.get(0), layers);
        double end = ratio(metrics.get(metrics.size() - 1), layers);
        String network = "784-" + LectureOutputs.joined(deepest.get().result().settings().hidden()) + "-10";
        return String.format(Locale.ROOT, "In %s at the start, hidden layer %d's mean |∂C/∂b| is %s hidden layer "
                        + "1's: the book's chapter 5 figure, each earlier layer slower. After epoch %d it is %s%s.",
                network, layers, times(start), metrics.get(metrics.size() - 1).epoch(), times(end),
                end < 3 ? ": here the gap closes once the network leaves its first plateau, as the chart shows"
                        : ": the gap lasts");
    }

    private static double ratio(org.losslab.experiment.EpochMetrics metrics, int layers) {
        List<Double> speeds = metrics.meanAbsBiasGradient();
        if (speeds.size() < layers || speeds.get(0) == null || speeds.get(layers - 1) == null) {
            return Double.NaN;
        }
        return speeds.get(layers - 1) / speeds.get(0);
    }

    private static String times(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "not recorded against";
        }
        return ratio >= 1 ? String.format(Locale.ROOT, "%.3g times", ratio)
                : String.format(Locale.ROOT, "%.2g times", ratio);
    }

    /** The wrong initialisation: N(0, 1) against N(0, 1/√n_in) weights, accuracy and saturation from the start. */
    private static void initialization(List<Document.Block> blocks, Lecture.Outcome o, Path notebooks)
            throws IOException {
        Lecture.Comparison comparison = Lecture.comparison(o.spec(), Lecture.Part.INITIALIZATION);
        blocks.add(new Document.Heading(2, "6. A wrong initialisation"));
        blocks.add(new Document.Text("With weights drawn from N(0, 1), a hidden unit's weighted input z sums 784 "
                + "terms and has a standard deviation near √(number of bright pixels) ≈ 10 or more: most hidden "
                + "units start saturated, σ′(z) ≈ 0, and learn slowly whatever the cost. Drawing the weights from "
                + "N(0, 1/√n_in) keeps z near 1. The same 784-30-10 network (cross-entropy, η = 0.1, λ = 5.0) from "
                + "both: the scaled one is part 5's 784-30-10. The book's chapter 3 reports for this comparison: "
                + "after the first epoch under 87 % (N(0, 1)) against almost 93 % (scaled), and somewhat over 96 % "
                + "for both after 30 epochs: the better start is reached sooner, not higher."));
        blocks.add(partCode(o, Lecture.Part.INITIALIZATION));
        blocks.add(new Document.Text(initializationLanding(o)));
        if (o.spec().isMultiSeed()) {
            spreadSection(blocks, o, o.spreads().stream().filter(sp -> sp.part() == Lecture.Part.INITIALIZATION)
                    .toList(), List.of(Lecture.Part.INITIALIZATION));
        }
    }

    /** Where the first epoch's validation accuracies land against the book's "under 87 %" and "almost 93 %". */
    private static String initializationLanding(Lecture.Outcome o) {
        OptionalDouble large = OptionalDouble.empty();
        OptionalDouble scaled = OptionalDouble.empty();
        for (Lecture.Row row : o.initialization()) {
            if (row.seed() == o.spec().seed() && !row.result().metrics().isEmpty()) {
                double first = row.result().metrics().get(0).validationAccuracy();
                if (row.comparison().part() == Lecture.Part.INITIALIZATION) {
                    large = OptionalDouble.of(first);
                } else {
                    scaled = OptionalDouble.of(first);
                }
            }
        }
        if (large.isEmpty() || scaled.isEmpty()) {
            return "Not both networks trained an epoch, so there is nothing to set beside the book's chapter 3 figure.";
        }
        String figures = "after epoch 1, " + percent(large.getAsDouble()) + " from N(0, 1) against "
                + percent(scaled.getAsDouble()) + " from N(0, 1/√n_in), the book's under 87 % and almost 93 %";
        return (o.spec().isBookSetting() ? "Reproduces the book's chapter 3 weight-initialisation figure: "
                : "Against the book's chapter 3 weight-initialisation figure, **not on its setting** (only `--full` "
                + "is comparable): ") + figures + (large.getAsDouble() < scaled.getAsDouble()
                ? "; the scaled start is ahead, as the book says." : "; here the scaled start is not ahead.");
    }

    /** Softmax's promises on the trained network: positive outputs that sum to 1, and −ln a_y as unhappiness. */
    private static void softmax(List<Document.Block> blocks, Lecture.Outcome o) throws IOException {
        blocks.add(new Document.Heading(2, "7. Softmax's properties, on a trained network"));
        blocks.add(new Document.Text("The lecture states two properties of the softmax layer: its outputs are "
                + "positive and sum to 1, so they form a probability distribution over the ten digits; and −ln a_y, "
                + "the log-likelihood cost of the right digit y, measures the network's \"unhappiness\": near 0 "
                + "when it gives the right digit a high probability, large when it does not. Here they are on the "
                + "test images, for the softmax network of part 3 that ranked first."));
        if (o.softmax().isEmpty()) {
            blocks.add(new Document.Text("No softmax network trained to its end in this run, so there is nothing to "
                    + "check."));
            return;
        }
        SoftmaxCheck check = o.softmax().get();
        blocks.add(new Document.Code("""
                SoftmaxCheck check = SoftmaxCheck.of(lecture.comparisons().get(Lecture.Part.SOFTMAX), data).orElseThrow();
                show(LectureOutputs.softmax(check, lecture.folder()));""", LectureOutputs.softmax(check, o.folder())));
        blocks.add(new Document.Text("Reproduces the lecture's slide of softmax's properties: both hold on "
                + check.network() + " (" + String.format(Locale.ROOT, "%,d", check.examples()) + " test images), with "
                + "the sums off by at most "
                + String.format(Locale.ROOT, "%.1g", check.largestDeviation()) + ", float arithmetic's rounding."));
    }

    /** How far a part's networks land from the book's figures, in points, or why they cannot be compared. */
    private static String landing(List<Lecture.Row> rows, String figures, LectureSpec spec) {
        List<Double> points = rows.stream().map(Lecture.Row::pointsFromBook).filter(OptionalDouble::isPresent)
                .map(OptionalDouble::getAsDouble).toList();
        if (points.isEmpty()) {
            return "No network trained to its end, so nothing to set beside " + figures + ".";
        }
        String range = String.format(Locale.ROOT, "from %+.2f to %+.2f points",
                points.stream().mapToDouble(Double::doubleValue).min().getAsDouble(),
                points.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
        return spec.isBookSetting()
                ? "Reproduces " + figures + " on their settings: LossLab lands " + range + " from them (single runs on "
                + "both sides; a seed moves such a figure by a few tenths of a point)."
                : "Against " + figures + " LossLab lands " + range + ", but **not on the book's setting** ("
                + Numbers.count(spec.epochs(), "epoch") + ", " + (spec.trainLimit() == 0 ? "all" : String.format(Locale.ROOT, "%,d",
                spec.trainLimit())) + " training images): only `./losslab lecture --full` is comparable.";
    }

    /** The cell that shows one MNIST part: its candidates and, per part, its figures and charts. */
    private static Document.Code partCode(Lecture.Outcome o, Lecture.Part part) throws IOException {
        return new Document.Code("// the search: Lecture.comparison(lecture.spec(), Lecture.Part." + part.name()
                + ").search(); Search.run trains it anew\nshow(LectureOutputs.part(lecture, Lecture.Part." + part.name()
                + "));", LectureOutputs.part(o, part));
    }

    private static String dataSpecCode(Lecture.Outcome o) {
        String limits = ".withLimits(" + o.spec().trainLimit() + ", " + o.spec().testLimit() + ")";
        Dataset asked = o.data().spec().dataset();
        if (o.data().location().isSample() && asked == Dataset.SAMPLE) {
            return "DataSpec.of(Dataset.SAMPLE)" + limits;
        }
        if (o.data().location().isSample()) {
            // the lecture asked for MNIST, found none and ran on the bundled sample: ask the same way, without a
            // download, so that the sample stands in again (and Lecture.open refuses other data if MNIST turns up)
            return "DataSpec.of(Dataset." + asked.name() + ")" + o.data().spec().dataDir().map(dir -> ".withDataDir("
                    + "Path.of(\"" + dir.toAbsolutePath().toString().replace("\\", "\\\\") + "\"))").orElse("")
                    + ".withDownload(false)" + limits;
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

    private static String percent(OptionalDouble value) {
        return Numbers.percent(value, "—");
    }

    private static String percent(double value) {
        return Numbers.percent(OptionalDouble.of(value), "—");
    }
}

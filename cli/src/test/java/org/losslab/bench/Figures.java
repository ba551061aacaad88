package org.losslab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.lecture.Lecture;
import org.losslab.lecture.LectureFigures;
import org.losslab.lecture.LectureRequest;
import org.losslab.lecture.LectureSpec;

/**
 * Makes the figures the docs quote ({@code docs/figures/*.json}) and rewrites the docs' figure blocks from them:
 * the tiny profile that {@code LectureTest} checks to the digit, and, given MNIST, the full lecture.
 * {@code bench/figures.sh [MNIST_DIR]}.
 */
public final class Figures {

    /** The tiny profile: the lecture {@code LectureTest} runs. */
    public static final LectureSpec TINY = LectureSpec.quick().withDataset(Dataset.SAMPLE).withEpochs(1)
            .withLimits(300, 100);

    private Figures() {
    }

    public static void main(String[] args) throws Exception {
        org.losslab.io.SerialFilters.install(); // before DL4J reads any statistics file, as the command line does
        Path root = Path.of(".");
        Path figures = root.resolve("docs/figures");
        Path work = Files.createDirectories(root.resolve("target/figures"));
        MnistData sample = MnistData.load(DataSpec.of(Dataset.SAMPLE).withLimits(300, 100));
        // the tiny lecture trains afresh every time (seconds): its figures are this code's, not an older run's
        Path tinyFolder = work.resolve("models/tiny");
        if (Files.exists(tinyFolder)) {
            try (var all = Files.walk(tinyFolder)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Lecture.Outcome tiny = Lecture.run(LectureRequest.of(TINY).withName("tiny").withModels(work.resolve("models"))
                .withNotebooks(work.resolve("notebooks")).withParallel(2).withData(sample));
        LectureFigures.of(tiny, "LectureTest's tiny lecture: LectureSpec.quick().withDataset(Dataset.SAMPLE)"
                + ".withEpochs(1).withLimits(300, 100)").write(figures.resolve("lecture-tiny.json"));
        System.out.println("wrote " + figures.resolve("lecture-tiny.json"));
        if (args.length > 0) {
            Path mnist = Path.of(args[0]);
            LectureSpec full = LectureSpec.full();
            MnistData data = MnistData.load(full.dataSpec().withDataDir(mnist));
            long start = System.nanoTime();
            Lecture.Outcome outcome = Lecture.run(LectureRequest.of(full).withModels(work.resolve("models"))
                    .withNotebooks(work.resolve("notebooks")).withData(data));
            System.out.printf("full lecture: %.0f s (%d networks reused)%n", (System.nanoTime() - start) / 1e9,
                    outcome.reused());
            LectureFigures.of(outcome, "./losslab lecture --full --data-dir " + args[0])
                    .write(figures.resolve("lecture-full.json"));
            System.out.println("wrote " + figures.resolve("lecture-full.json"));
        }
        LectureFigures.rewriteBlocks(figures, List.of(root.resolve("README.md"), root.resolve("docs/benchmarks.md")));
        System.out.println("rewrote the figure blocks of README.md and docs/benchmarks.md");
    }
}

package org.losslab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.losslab.data.Dataset;
import org.losslab.data.Located;
import org.losslab.data.MnistData;
import org.losslab.data.Split;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code losslab data}: where the data comes from and what it holds. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Inspect the data LossLab trains on.",
        subcommands = {DataCommand.Info.class})
final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code losslab data info}. */
    @Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Find the data (reporting each place tried), load it, and show the splits, label counts, "
                    + "and each file's MD5 against the canonical set."})
    static final class Info implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DataOptions data;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            MnistData loaded = data.load(out);
            Located location = loaded.location();
            out.println("dataset: " + loaded.dataset().id());
            for (String step : location.steps()) {
                out.println("  " + step);
            }
            out.println("source: " + location.source());
            out.println();
            out.printf("%-11s %7s", "split", "count");
            for (int label = 0; label < 10; label++) {
                out.printf(" %6d", label);
            }
            out.println();
            for (Split split : new Split[] {loaded.train(), loaded.validation(), loaded.test()}) {
                out.printf("%-11s %7d", split.name(), split.count());
                for (int count : split.histogram()) {
                    out.printf(" %6d", count);
                }
                out.println();
            }
            out.println();
            out.printf("%-34s %-32s %s%n", "file", "MD5", "canonical");
            for (MnistData.FileInfo file : loaded.files()) {
                out.printf("%-34s %-32s %s%n", shortName(file), file.md5(), canonical(loaded, file));
            }
            out.println("folder: " + location.folder().map(folder -> folder.toAbsolutePath().toString())
                    .orElse("on the class path, in losslab-mnist-sample (data/mnist-sample/)"));
            if (location.isSample()) {
                out.println("note: figures from the bundled sample are not comparable with full-MNIST results.");
            }
            out.flush();
        }

        private static String shortName(MnistData.FileInfo file) {
            String name = file.name();
            return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(' ')) + 1);
        }

        private static String canonical(MnistData loaded, MnistData.FileInfo file) {
            Dataset dataset = loaded.dataset();
            if (!dataset.hasCanonicalChecksums()) {
                return "n/a (LossLab's sample, see data/mnist-sample/NOTICE.md)";
            }
            if (file.matchesCanonical()) {
                return "yes (the original .gz)";
            }
            String content = MnistData.contentMd5(loaded.location(), file.part());
            if (dataset.canonicalContentMd5(file.part()).filter(content::equals).isPresent()) {
                return "yes (same content, compressed differently)";
            }
            return String.format(Locale.ROOT, "NO (expected .gz %s or content %s)",
                    dataset.canonicalGzMd5(file.part()).orElseThrow(),
                    dataset.canonicalContentMd5(file.part()).orElseThrow());
        }
    }
}

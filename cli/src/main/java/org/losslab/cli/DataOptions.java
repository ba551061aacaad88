package org.losslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.DownloadListener;
import org.losslab.data.MnistData;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that choose data, shared by every command that loads it. */
final class DataOptions {

    @Option(names = "--dataset", paramLabel = "mnist|fashion-mnist|sample", defaultValue = "mnist",
            converter = DatasetConverter.class, description = "Data set (default: ${DEFAULT-VALUE}).")
    Dataset dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the four IDX files (.gz or not). Default: $LOSSLAB_DATA, then the cache "
                    + "~/.losslab/data/<dataset>, then a download, then (MNIST) the bundled sample.")
    Path dataDir;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "Base URL to download the four .gz files from; repeat for more. "
                    + "Default: $LOSSLAB_MIRRORS, mirrors.<dataset> in ~/.losslab/settings.properties, the known mirrors.")
    List<String> mirrors = new ArrayList<>();

    @Option(names = "--no-download", description = "Never download; use local files or the bundled sample.")
    boolean noDownload;

    @Option(names = "--no-sample", description = "Fail instead of falling back to the bundled MNIST sample.")
    boolean noSample;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
            description = "Use only the first N training examples (0 = all).")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0",
            description = "Use only the first N validation and N test examples (0 = all).")
    int testLimit;

    DataSpec spec() {
        return spec(dataset);
    }

    /** The options' data spec for another data set than {@code --dataset}'s. */
    DataSpec spec(Dataset chosen) {
        return DataSpec.of(chosen).withDataDir(java.util.Optional.ofNullable(dataDir)).withMirrors(mirrors)
                .withDownload(!noDownload)
                .withSampleFallback(!noSample).withLimits(trainLimit, testLimit);
    }

    /** Loads the data, with a progress bar on the terminal while anything downloads. */
    MnistData load(PrintWriter out) {
        return load(spec(), out);
    }

    /** Loads {@code spec}, with a progress bar on the terminal while anything downloads. */
    static MnistData load(DataSpec spec, PrintWriter out) {
        return MnistData.load(spec, System.console() == null ? DownloadListener.NONE : new DownloadBar(out));
    }

    /** A download progress bar (me.tongfei.progressbar) drawn on the command's output. */
    private static final class DownloadBar implements DownloadListener {
        private final PrintWriter out;
        private ProgressBar bar;

        DownloadBar(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void started(String url, long totalBytes) {
            bar = new ProgressBarBuilder().setTaskName(url.substring(url.lastIndexOf('/') + 1))
                    .setInitialMax(totalBytes).setUnit(" KiB", 1024).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).clearDisplayOnFinish()
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        out.print("\r" + line);
                        out.flush();
                    })).build();
        }

        @Override
        public void advanced(long bytes) {
            if (bar != null) {
                bar.stepBy(bytes);
            }
        }

        @Override
        public void ended() {
            if (bar != null) {
                bar.close();
                bar = null;
                out.print("\r");
                out.flush();
            }
        }
    }

    /** Parses data set names with a message that lists them. */
    static final class DatasetConverter implements CommandLine.ITypeConverter<Dataset> {
        @Override
        public Dataset convert(String value) {
            try {
                return Dataset.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

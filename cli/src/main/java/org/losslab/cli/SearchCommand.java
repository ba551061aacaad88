package org.losslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.losslab.data.DataLocator;
import org.losslab.data.MnistData;
import org.losslab.search.CandidateResult;
import org.losslab.search.Search;
import org.losslab.search.SearchRequest;
import org.losslab.search.SearchSpec;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab search}: a comparative search from a JSON spec. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train every candidate of a search spec (JSON) in parallel and rank them on the validation "
                + "split; results in models/<search-id>/ (results.csv, results.md, best.zip, charts, one run "
                + "folder per candidate).",
                "Spec fields (all optional): presets, activations, hidden, eta or etaRange, lambda, epochs, batch, "
                        + "init, seed, generator (grid|random), score (accuracy|cost), maxCandidates, maxMinutes, "
                        + "gridPoints, dataset, trainLimit, testLimit, pruner (none|median|asha, or e.g. {\"rule\": "
                        + "\"median\", \"startupCandidates\": 5, \"warmupEpochs\": 0} or {\"rule\": \"asha\", "
                        + "\"minEpochs\": 1, \"reduction\": 3})."})
final class SearchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--spec", required = true, paramLabel = "FILE.json", description = "The search spec.")
    Path specFile;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the spec's epochs.")
    Integer epochs;

    @Option(names = "--dataset", paramLabel = "mnist|fashion-mnist|sample",
            description = "Override the spec's dataset.")
    String dataset;

    @Option(names = "--train-limit", paramLabel = "N", description = "Override the spec's trainLimit (0 = all).")
    Integer trainLimit;

    @Option(names = "--test-limit", paramLabel = "N",
            description = "Override the spec's testLimit: validation and test examples (0 = all).")
    Integer testLimit;

    @CommandLine.Mixin
    SearchOptions options;

    @Override
    public void run() {
        SearchSpec.Builder read = SearchSpec.read(specFile).toBuilder();
        if (epochs != null) {
            read.epochs(epochs);
        }
        if (dataset != null) {
            read.dataset(org.losslab.data.Dataset.parse(dataset));
        }
        if (trainLimit != null) {
            read.trainLimit(trainLimit);
        }
        if (testLimit != null) {
            read.testLimit(testLimit);
        }
        options.run(spec.commandLine().getOut(), read.build());
    }

    /** Options and running shared by {@code search} and {@code compare}. */
    static final class SearchOptions {

        @Option(names = "--parallel", paramLabel = "N", description = "Candidates at a time (default: one per core).")
        Integer parallel;

        @Option(names = "--max-candidates", paramLabel = "N", description = "Train at most N candidates (default: "
                + "search: the spec's maxCandidates; compare: every combination).")
        Integer maxCandidates;

        @Option(names = "--max-minutes", paramLabel = "M", description = "Start no candidate after M minutes "
                + "(default: search: the spec's maxMinutes; compare: 1440).")
        Double maxMinutes;

        @Option(names = "--pruner", paramLabel = "none|median|asha",
                description = "Stop hopeless candidates early, after an epoch: the median stopping rule (below the "
                        + "median of the finished candidates at that epoch, once 5 finished) or asynchronous "
                        + "successive halving (rungs at 1, 3, 9, … epochs, the best third goes on). Default: the "
                        + "spec's pruner, none unless it gives one.")
        String pruner;

        @Option(names = "--models", paramLabel = "DIR", defaultValue = "models",
                description = "Where the search folder goes (default: ${DEFAULT-VALUE}).")
        Path models;

        @Option(names = "--name", paramLabel = "NAME",
                description = "Name of the search: models/NAME/ (default: a new folder named after the time). The "
                        + "same command again resumes it: finished candidates reused, interrupted ones continued "
                        + "from their last epoch.")
        String name;

        @Option(names = "--restart", description = "With --name: discard an earlier search of that name and start "
                + "from scratch.")
        boolean restart;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder with the four IDX files.")
        Path dataDir;

        @CommandLine.Mixin
        UiOptions ui;

        @CommandLine.Mixin
        SparkFlags spark;

        /**
         * A named search's folder before the search: discarded with {@code --restart}; refused when it holds
         * something that is not a search.
         */
        private void prepare(Path folder) throws IOException {
            if (!Files.exists(folder)) {
                return;
            }
            boolean search = Files.isRegularFile(folder.resolve(Search.STATE_FILE));
            if (!search) {
                try (var entries = Files.list(folder)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("--name: " + folder + " exists and is not a search folder "
                                + "(no " + Search.STATE_FILE + "); choose another --name");
                    }
                }
                return;
            }
            if (restart) {
                RunFolders.discard(folder, Search.STATE_FILE, "search");
            }
        }

        void run(PrintWriter out, SearchSpec searchSpec) {
            SearchSpec bounded = searchSpec;
            if (maxCandidates != null) {
                bounded = bounded.withMaxCandidates(maxCandidates);
            }
            if (maxMinutes != null) {
                bounded = bounded.withMaxMinutes(maxMinutes);
            }
            if (pruner != null) {
                bounded = bounded.toBuilder().pruner(org.losslab.search.Pruner.of(pruner)).build();
            }
            if (parallel != null && parallel < 1) {
                throw new IllegalArgumentException("--parallel: must be >= 1, got " + parallel);
            }
            spark.check(ui);
            if (name != null) {
                org.losslab.lecture.Lecture.checkName(name);
            } else if (restart) {
                throw new IllegalArgumentException("--restart: only with --name (a search without a name gets a new "
                        + "folder anyway)");
            }
            SparkFlags.Choice where = null;
            try {
                Path named = name == null ? null : models.resolve(name);
                if (named != null) {
                    prepare(named);
                }
                MnistData data = DataOptions.load(Search.dataSpec(bounded).withDataDir(Optional.ofNullable(dataDir)),
                        out);
                for (String step : data.location().steps()) {
                    out.println("data: " + step);
                }
                int total = Search.candidates(bounded).size(); // before any folder: a spec that fails leaves none
                where = spark.choose(parallel, out);
                int workers = where.parallel();
                Path folder = named != null ? named : Search.newFolder(models);
                boolean resuming = named != null && Files.isRegularFile(folder.resolve(Search.STATE_FILE));
                UiOptions.Live live = ui.startIfAsked(out);
                if (live != null) {
                    out.println("UI: candidates' training under " + live.server().address().resolve("/train")
                            + ", the search under " + live.server().address().resolve("/arbiter"));
                }
                out.printf("search %s: %s (%s), %d at a time, %s each, scored on validation %s%s%s%n",
                        folder, org.losslab.report.Numbers.count(total, "candidate"), bounded.generator().id(), workers,
                        org.losslab.report.Numbers.count(bounded.epochs(), "epoch"), bounded.score().id(),
                        pruning(bounded.pruner()), resuming ? "; resuming it" : "");
                out.flush();
                Search.Outcome outcome;
                try {
                    outcome = Search.run(SearchRequest.of(bounded, folder).withData(data).withParallel(workers)
                            .withResume(named != null).withRunner(where.runner())
                            .withLive(spark.asked() ? spark.driverLive() : UiOptions.storage(live))
                            .withListener(new SearchProgress(out, System.console() != null, total,
                                    bounded.epochs(), SearchCommand::describe)));
                } catch (Search.OtherSettingsException e) {
                    if (live != null) {
                        live.server().close();
                    }
                    throw new IllegalArgumentException(e.folder() + " holds a search with other settings or data ("
                            + e.differences() + "); --restart searches again from scratch, --name NAME uses another "
                            + "folder", e);
                } catch (RuntimeException | IOException | InterruptedException e) {
                    if (live != null) {
                        live.server().close();
                    }
                    throw e;
                }
                out.println();
                out.print(Files.readString(folder.resolve("results.md")));
                Optional<CandidateResult> best = outcome.best();
                out.println();
                if (best.isPresent()) {
                    out.println("best: " + best.get().label() + " → " + folder.resolve("best.zip"));
                }
                if (data.location().isSample()) {
                    out.println("note: " + DataLocator.SAMPLE_NOTICE + ".");
                }
                out.flush();
                ui.finish(out, live);
                if (best.isEmpty()) {
                    throw new Main.Failure("no candidate of " + folder + " finished (" + total + " tried; "
                            + "results.md says why)", 1);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not write the search: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                if (where != null) {
                    where.close();
                }
            }
        }
    }

    /** How the search header names its pruner: nothing when it has none. */
    static String pruning(org.losslab.search.Pruner pruner) {
        if (pruner instanceof org.losslab.search.Pruner.Median median) {
            return String.format(Locale.ROOT, ", pruned by the median rule (after %d finished, from epoch %d)",
                    median.startupCandidates(), median.warmupEpochs() + 1);
        }
        if (pruner instanceof org.losslab.search.Pruner.SuccessiveHalving halving) {
            return String.format(Locale.ROOT, ", pruned by successive halving (rungs from epoch %d, 1/%d goes on)",
                    halving.minEpochs(), halving.reduction());
        }
        return "";
    }

    /** A finished candidate in one line: its validation figures, or how it ended and why. */
    static String describe(CandidateResult result) {
        if (result.status() == org.losslab.search.CandidateStatus.PRUNED) {
            return result.statusText();
        }
        return result.scores().map(s -> String.format(Locale.ROOT, "validation accuracy %.2f%%, cost %.4f, %.1f s",
                100 * s.validationAccuracy(), s.validationCost(), result.seconds()))
                .orElse(result.reason().isEmpty() ? result.status().id()
                        : result.status().id() + " (" + result.reason() + ")");
    }
}

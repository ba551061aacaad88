package org.losslab.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.losslab.experiment.EpochMetrics;
import org.losslab.experiment.RunRecord;

/**
 * The runs and searches under a folder of run folders ({@code models/}), as one list: every folder that holds a run
 * record ({@code run.json}: a training run, a search's candidate, a lecture's network) and every search folder
 * ({@value Search#STATE_FILE} or {@code results.csv}), with its best candidate's figures. Optuna's study list and
 * {@code guild compare} are the models. Records that cannot be read are listed as such, not skipped.
 */
public final class RunIndex {

    /** How deep below the root run folders are looked for: lecture/part/candidate. */
    private static final int DEPTH = 4;

    private RunIndex() {
    }

    /** What a listed folder is. */
    public enum Kind {
        /** A training run of its own ({@code losslab train}). */
        RUN,
        /** A search or comparison ({@code search}, {@code compare}, a lecture's part). */
        SEARCH,
        /** A candidate of a search. */
        CANDIDATE;

        /** {@return the kind in lower case, as tables and JSON show it} */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One run or search.
     *
     * @param id                 its folder, relative to the root, with '/' between names
     * @param kind               what it is
     * @param preset             the preset (a search: its best candidate's); empty when unknown
     * @param activation         the hidden activation, likewise
     * @param hidden             the hidden sizes, e.g. {@code 30} or {@code 30-30}, likewise
     * @param eta                η, likewise
     * @param lambda             λ, likewise
     * @param epochs             the epochs trained (a search: its candidates')
     * @param validationAccuracy the best validation accuracy (a search: its best candidate's)
     * @param testAccuracy       the test accuracy, likewise
     * @param status             how it stands: {@code finished}, {@code running}, … ; a search: how many of its
     *                           candidates finished; {@code unreadable: …} for a record that cannot be read
     * @param created            when it started (ISO-8601), or empty
     */
    public record Entry(String id, Kind kind, String preset, String activation, String hidden, OptionalDouble eta,
                        OptionalDouble lambda, int epochs, OptionalDouble validationAccuracy,
                        OptionalDouble testAccuracy, String status, String created) {
    }

    /**
     * Lists what {@code root} holds, in the order of the folders' names.
     *
     * @param root the folder of run folders
     * @return every run and search found
     * @throws IOException when {@code root} cannot be listed
     */
    public static List<Entry> list(Path root) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(root, DEPTH)) {
            folders = walk.filter(Files::isDirectory).filter(f -> !f.equals(root))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
        for (Path folder : folders) {
            String id = root.relativize(folder).toString().replace('\\', '/');
            if (Files.isRegularFile(folder.resolve("run.json"))) {
                entries.add(run(id, folder, isSearch(folder.getParent()) ? Kind.CANDIDATE : Kind.RUN));
            } else if (isSearch(folder)) {
                entries.add(search(id, folder));
            }
        }
        return entries;
    }

    /** A search folder: bound by its record, or (from before the record) with its results. */
    private static boolean isSearch(Path folder) {
        return Files.isRegularFile(folder.resolve(Search.STATE_FILE))
                || Files.isRegularFile(folder.resolve("results.csv"));
    }

    private static Entry run(String id, Path folder, Kind kind) {
        RunRecord record;
        try {
            record = RunRecord.read(folder);
        } catch (RuntimeException e) {
            return unreadable(id, kind, e);
        }
        OptionalDouble best = record.bestEpoch().isPresent()
                ? OptionalDouble.of(record.metrics().get(record.bestEpoch().getAsInt() - 1).validationAccuracy())
                : record.metrics().stream().mapToDouble(EpochMetrics::validationAccuracy).filter(Double::isFinite)
                .max();
        return new Entry(id, kind, record.network().preset().id(), record.network().activation().id(),
                hidden(record.network().hidden()), OptionalDouble.of(record.network().eta()),
                OptionalDouble.of(record.network().lambda()), record.completedEpochs(), best, record.testAccuracy(),
                record.status().id(), record.created());
    }

    private static Entry search(String id, Path folder) throws IOException {
        List<RunRecord> candidates = new ArrayList<>();
        int unreadable = 0;
        try (Stream<Path> list = Files.list(folder)) {
            for (Path candidate : list.filter(f -> Files.isRegularFile(f.resolve("run.json"))).sorted().toList()) {
                try {
                    candidates.add(RunRecord.read(candidate));
                } catch (RuntimeException e) {
                    unreadable++;
                }
            }
        }
        long finished = candidates.stream().filter(r -> r.testAccuracy().isPresent()).count();
        Optional<RunRecord> best = candidates.stream().filter(r -> r.testAccuracy().isPresent())
                .max(Comparator.comparingDouble(RunIndex::bestValidation));
        String status = finished + " of " + (candidates.size() + unreadable) + " finished"
                + (unreadable > 0 ? ", " + unreadable + " unreadable" : "");
        String created = candidates.stream().map(RunRecord::created).min(Comparator.naturalOrder()).orElse("");
        if (best.isEmpty()) {
            return new Entry(id, Kind.SEARCH, "", "", "", OptionalDouble.empty(), OptionalDouble.empty(),
                    candidates.stream().mapToInt(RunRecord::epochs).max().orElse(0), OptionalDouble.empty(),
                    OptionalDouble.empty(), status, created);
        }
        RunRecord top = best.get();
        return new Entry(id, Kind.SEARCH, top.network().preset().id(), top.network().activation().id(),
                hidden(top.network().hidden()), OptionalDouble.of(top.network().eta()),
                OptionalDouble.of(top.network().lambda()), top.epochs(), OptionalDouble.of(bestValidation(top)),
                top.testAccuracy(), status, created);
    }

    private static double bestValidation(RunRecord record) {
        return record.metrics().stream().mapToDouble(EpochMetrics::validationAccuracy).filter(Double::isFinite)
                .max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static Entry unreadable(String id, Kind kind, RuntimeException e) {
        String reason = Optional.ofNullable(e.getMessage()).orElse(e.toString()).lines().findFirst().orElse("");
        return new Entry(id, kind, "", "", "", OptionalDouble.empty(), OptionalDouble.empty(), 0,
                OptionalDouble.empty(), OptionalDouble.empty(), "unreadable: " + reason, "");
    }

    private static String hidden(List<Integer> sizes) {
        return String.join("-", sizes.stream().map(String::valueOf).toList());
    }
}

package org.losslab.lecture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.data.MnistData;
import org.losslab.experiment.RunRecord;
import org.losslab.experiment.RunStatus;
import org.losslab.experiment.Training;
import org.losslab.io.AtomicFiles;
import org.losslab.io.BuildInfo;
import org.losslab.search.CandidateResult;
import org.losslab.search.Search;

/**
 * A lecture's folder as a record of what ran in it: what it is bound to ({@value Lecture#STATE_FILE}: settings and
 * the data's checksums, so that a folder of other settings is refused), the census of its candidates before a run
 * (finished, interrupted), and the provenance its report carries.
 */
final class LectureFolder {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LectureFolder() {
    }

    /**
     * The candidates of a lecture folder before a run.
     *
     * @param total       the lecture's candidates
     * @param finished    those an earlier run finished
     * @param interrupted those an earlier run left unfinished
     */
    record Census(int total, int finished, int interrupted) {
    }

    /** Counts the candidates of {@code comparisons} in {@code folder} that an earlier run finished or left. */
    static Census census(Path folder, List<Lecture.Comparison> comparisons) {
        int total = 0;
        int finished = 0;
        int interrupted = 0;
        for (Lecture.Comparison comparison : comparisons) {
            int count = Search.candidates(comparison.search()).size();
            total += count;
            for (int number = 1; number <= count; number++) {
                Path run = Search.candidateFolder(folder.resolve(comparison.name()), number);
                if (Files.isRegularFile(run.resolve("run.json"))) {
                    if (RunRecord.read(run).status() == RunStatus.RUNNING) {
                        interrupted++;
                    } else {
                        finished++;
                    }
                }
            }
        }
        return new Census(total, finished, interrupted);
    }

    /** Binds {@code folder} to {@code state}. */
    static void write(Path folder, Map<String, Object> state) throws IOException {
        AtomicFiles.writeString(folder.resolve(Lecture.STATE_FILE), JSON.writeValueAsString(state));
    }

    /** What a lecture folder is bound to: the settings and the data's checksums. */
    static Map<String, Object> state(LectureSpec spec, MnistData data) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("spec", spec.toJsonMap());
        state.put("dataset", data.dataset().id());
        state.put("sample", data.location().isSample());
        state.put("md5", Training.md5(data));
        return state;
    }

    /** Refuses a folder whose record is not {@code state}: another lecture's, or no lecture record at all. */
    static void check(Path folder, Map<String, Object> state) throws IOException {
        List<String> differences = org.losslab.io.FolderRecord.differences(folder.resolve(Lecture.STATE_FILE), state,
                "lecture", "remove the folder or use another name", Lecture.STATE_MAX_BYTES);
        if (!differences.isEmpty()) {
            throw new Lecture.OtherSettingsException(folder, String.join("; ", differences));
        }
    }

    /** The lecture's table of every network, one row each, in its folder. */
    static final String RESULTS_FILE = "results.csv";

    /**
     * Writes {@value #RESULTS_FILE}: one row per MNIST network of the lecture (the cost comparison's, the
     * activations', the depths', the large init's), with its part, setting and seed, how it ended, its figures and
     * the book's, and its run folder.
     */
    @SafeVarargs
    static void results(Path folder, List<Lecture.Row>... parts) throws IOException {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (List<Lecture.Row> part : parts) {
            for (Lecture.Row row : part) {
                CandidateResult r = row.result();
                rows.add(List.of(row.comparison().part().id(), r.settings().preset().id(),
                        r.settings().activation().id(), r.settings().hidden().stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining("-")),
                        org.losslab.report.Numbers.plain(r.settings().eta()),
                        org.losslab.report.Numbers.plain(r.settings().lambda()),
                        row.comparison().search().init().id(), String.valueOf(row.seed()), r.status().id(),
                        String.valueOf(row.stuck()), full(r.validationAccuracy()), full(r.testAccuracy()),
                        full(row.book().map(b -> java.util.OptionalDouble.of(b.accuracy()))
                                .orElse(java.util.OptionalDouble.empty())), full(row.outputSaturation()),
                        String.valueOf(r.metrics().size()), String.format(java.util.Locale.ROOT, "%.2f", r.seconds()),
                        row.comparison().name() + "/" + Search.candidateFolder(Path.of(""), r.number())));
            }
        }
        AtomicFiles.writeString(folder.resolve(RESULTS_FILE), org.losslab.report.Tables.csv(RESULTS_HEADER, rows));
    }

    /** The columns of {@value #RESULTS_FILE}. */
    static final List<String> RESULTS_HEADER = List.of("part", "preset", "activation", "hidden", "eta", "lambda",
            "init", "seed", "status", "stuck", "validation_accuracy", "test_accuracy", "book_test_accuracy",
            "output_saturation", "epochs", "seconds", "run");

    /** A figure at full precision (the report rounds; this file is for programs); empty when there is none. */
    private static String full(java.util.OptionalDouble value) {
        return value.isEmpty() ? "" : String.valueOf(value.getAsDouble());
    }

    /** The lecture's provenance for its report: versions, settings, seeds, data and its checksums, every run id. */
    static Map<String, Object> provenance(Lecture.Outcome outcome) {
        Map<String, Object> provenance = new LinkedHashMap<>(BuildInfo.versions());
        provenance.put("lecture", outcome.name());
        Map<String, Object> settings = new LinkedHashMap<>(outcome.spec().toJsonMap());
        settings.put("name", outcome.spec().name());
        provenance.put("settings", settings);
        provenance.put("seeds", Map.of("networks and shuffles", outcome.spec().isMultiSeed()
                ? outcome.spec().seeds() : outcome.spec().seed(),
                "single neuron", "no randomness: the lecture's fixed starts"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dataset", outcome.data().dataset().id());
        data.put("source", outcome.data().location().source());
        data.put("bundled sample", outcome.data().location().isSample());
        data.put("train", outcome.data().train().count());
        data.put("validation", outcome.data().validation().count());
        data.put("test", outcome.data().test().count());
        data.put("md5", Training.md5(outcome.data()));
        provenance.put("data", data);
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (Map.Entry<String, Search.Outcome> entry : outcome.searches().entrySet()) {
            runs.put(entry.getKey(), entry.getValue().ranked().stream()
                    .sorted(java.util.Comparator.comparingInt(CandidateResult::number))
                    .map(r -> outcome.name() + "/" + entry.getKey() + "/"
                            + Search.candidateFolder(Path.of(""), r.number()).getFileName())
                    .toList());
        }
        provenance.put("run ids", runs);
        return provenance;
    }
}

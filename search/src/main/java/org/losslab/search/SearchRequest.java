package org.losslab.search;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.losslab.data.MnistData;
import org.losslab.experiment.LiveStats;
import org.losslab.io.SpecException;

/**
 * What {@link Search#run(SearchRequest)} and {@link Search#start(SearchRequest,
 * java.util.concurrent.ExecutorService)}
 * do. Start from {@link #of(SearchSpec, Path)}; every other field has a default.
 *
 * @param spec     what the search tries
 * @param folder   the search's folder (created if missing): {@code results.csv}, {@code best.zip}, a run folder per
 *                 candidate
 * @param data     the data, already loaded (the data set and limits the spec names); default empty: loaded from the
 *                 spec
 * @param parallel candidates trained at a time by {@link Search#run(SearchRequest)}; default 1
 * @param resume   whether candidates already in the folder are reused (finished ones) or continued (interrupted
 *                 ones); default false
 * @param listener hears about candidates as they finish; default {@link SearchListener#NONE}
 * @param live     where training statistics and Arbiter's status go as they are made, besides the files (DL4J's
 *                 browser UI); default {@link LiveStats#NONE}
 * @param runner   where candidates train; default {@link CandidateRunner#LOCAL}, this JVM
 */
public record SearchRequest(SearchSpec spec, Path folder, Optional<MnistData> data, int parallel, boolean resume,
                            SearchListener listener, StatsStorageRouter live, CandidateRunner runner) {

    /**
     * Validates every field.
     *
     * @param spec what the search tries
     * @param folder the search's folder (created if missing): {@code results.csv}, {@code best.zip}, a run folder per
     *               candidate
     * @param data the data, already loaded (the data set and limits the spec names); default empty: loaded from the
     *             spec
     * @param parallel candidates trained at a time by {@link Search#run(SearchRequest)}; default 1
     * @param resume whether candidates already in the folder are reused (finished ones) or continued (interrupted
     *               ones); default false
     * @param listener hears about candidates as they finish; default {@link SearchListener#NONE}
     * @param live where training statistics and Arbiter's status go as they are made, besides the files (DL4J's
     *             browser UI); default {@link LiveStats#NONE}
     * @param runner where candidates train; default {@link CandidateRunner#LOCAL}, this JVM
     */
    public SearchRequest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(runner, "runner");
        if (parallel < 1) {
            throw new SpecException("parallel", "must be >= 1, got " + parallel);
        }
    }

    /**
     * @param spec   what the search tries
     * @param folder the search's folder
     * @return the search with every default: one candidate at a time, data loaded from the spec, no resume
     */
    public static SearchRequest of(SearchSpec spec, Path folder) {
        return new SearchRequest(spec, folder, Optional.empty(), 1, false, SearchListener.NONE, LiveStats.NONE,
                CandidateRunner.LOCAL);
    }

    /**
     * @param data the data, already loaded
     *
     * @return a copy with that value
     */
    public SearchRequest withData(MnistData data) {
        return new SearchRequest(spec, folder, Optional.of(data), parallel, resume, listener, live, runner);
    }

    /**
     * @param parallel candidates trained at a time
     *
     * @return a copy with that value
     */
    public SearchRequest withParallel(int parallel) {
        return new SearchRequest(spec, folder, data, parallel, resume, listener, live, runner);
    }

    /**
     * @param resume whether candidates already in the folder are reused or continued
     *
     * @return a copy with that value
     */
    public SearchRequest withResume(boolean resume) {
        return new SearchRequest(spec, folder, data, parallel, resume, listener, live, runner);
    }

    /**
     * @param listener hears about candidates as they finish
     *
     * @return a copy with that value
     */
    public SearchRequest withListener(SearchListener listener) {
        return new SearchRequest(spec, folder, data, parallel, resume, listener, live, runner);
    }

    /**
     * @param live where training statistics go as they are made
     *
     * @return a copy with that value
     */
    public SearchRequest withLive(StatsStorageRouter live) {
        return new SearchRequest(spec, folder, data, parallel, resume, listener, live, runner);
    }

    /**
     * @param runner where candidates train (e.g. {@code SparkRunner}, module {@code losslab-spark})
     *
     * @return a copy with that value
     */
    public SearchRequest withRunner(CandidateRunner runner) {
        return new SearchRequest(spec, folder, data, parallel, resume, listener, live, runner);
    }

    /**
     * @return the data: the loaded one, or the spec's, loaded now
     * @throws org.losslab.io.SpecException when the loaded data is not what the spec names
     */
    MnistData loadedData() {
        if (data.isEmpty()) {
            return MnistData.load(Search.dataSpec(spec));
        }
        data.get().check(Search.dataSpec(spec), "data");
        return data.get();
    }
}

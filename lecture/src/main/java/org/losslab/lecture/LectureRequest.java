package org.losslab.lecture;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.losslab.data.MnistData;
import org.losslab.experiment.LiveStats;
import org.losslab.io.SpecException;
import org.losslab.search.CandidateRunner;

/**
 * What {@link Lecture#run(LectureRequest)} does: which lecture, where its models and report go, how many candidates
 * train at a time, who hears about it. Start from {@link #of(LectureSpec)}; every field has a default.
 *
 * @param spec      the lecture's settings (profile, data, epochs, seed)
 * @param name      the lecture's name: its folder {@code models/<name>/} and its report {@code <name>.ipynb};
 *                  default {@link LectureSpec#name()}
 * @param models    the folder of run folders; default {@code models}
 * @param notebooks where the notebook and the HTML report go; default {@code notebooks-export}
 * @param parallel  candidates trained at a time; default 2 (one per core on two cores)
 * @param data      the data, already loaded (the data set and limits the spec names); default empty: loaded from
 *                  the spec's data set
 * @param listener  hears how it goes; default {@link LectureListener#NONE}
 * @param live      where training statistics go as they are made, besides each run's file (DL4J's browser UI);
 *                  default {@link LiveStats#NONE}
 * @param runner    where the candidates train; default {@link CandidateRunner#LOCAL}, this JVM
 */
public record LectureRequest(LectureSpec spec, String name, Path models, Path notebooks, int parallel,
                             Optional<MnistData> data, LectureListener listener, StatsStorageRouter live,
                             CandidateRunner runner) {

    /**
     * Validates every field.
     *
     * @param spec the lecture's settings (profile, data, epochs, seed)
     * @param name the lecture's name: its folder {@code models/<name>/} and its report {@code <name>.ipynb}; default
     *             {@link LectureSpec#name()}
     * @param models the folder of run folders; default {@code models}
     * @param notebooks where the notebook and the HTML report go; default {@code notebooks-export}
     * @param parallel candidates trained at a time; default 2 (one per core on two cores)
     * @param data the data, already loaded (the data set and limits the spec names); default empty: loaded from the
     *             spec's data set
     * @param listener hears how it goes; default {@link LectureListener#NONE}
     * @param live where training statistics go as they are made, besides each run's file (DL4J's browser UI); default
     *             {@link LiveStats#NONE}
     * @param runner where the candidates train; default {@link CandidateRunner#LOCAL}, this JVM
     */
    public LectureRequest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(notebooks, "notebooks");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(runner, "runner");
        Lecture.checkName(name);
        if (parallel < 1) {
            throw new SpecException("parallel", "must be >= 1, got " + parallel);
        }
    }

    /**
     * The lecture {@code spec} with every default: {@code models/<spec's name>/}, two candidates at a time.
     *
     * @param spec the lecture's settings (profile, data, epochs, seed)
     * @return the lecture {@code spec} with every default: {@code models/<spec's name>/}, two candidates at a time
     */
    public static LectureRequest of(LectureSpec spec) {
        return new LectureRequest(spec, spec.name(), Path.of("models"), Path.of("notebooks-export"), 2,
                Optional.empty(), LectureListener.NONE, LiveStats.NONE, CandidateRunner.LOCAL);
    }

    /**
     * @param name the lecture's name (folder and report)
     *
     * @return a copy with that value
     */
    public LectureRequest withName(String name) {
        return new LectureRequest(spec, name, models, notebooks, parallel, data, listener, live, runner);
    }

    /**
     * @param models the folder of run folders
     *
     * @return a copy with that value
     */
    public LectureRequest withModels(Path models) {
        return new LectureRequest(spec, name, models, notebooks, parallel, data, listener, live, runner);
    }

    /**
     * @param notebooks where the notebook and the HTML report go
     *
     * @return a copy with that value
     */
    public LectureRequest withNotebooks(Path notebooks) {
        return new LectureRequest(spec, name, models, notebooks, parallel, data, listener, live, runner);
    }

    /**
     * @param parallel candidates trained at a time
     *
     * @return a copy with that value
     */
    public LectureRequest withParallel(int parallel) {
        return new LectureRequest(spec, name, models, notebooks, parallel, data, listener, live, runner);
    }

    /**
     * @param data the data, already loaded (what the spec names)
     *
     * @return a copy with that value
     */
    public LectureRequest withData(MnistData data) {
        return new LectureRequest(spec, name, models, notebooks, parallel, Optional.of(data), listener, live, runner);
    }

    /**
     * @param listener hears how the lecture goes
     *
     * @return a copy with that value
     */
    public LectureRequest withListener(LectureListener listener) {
        return new LectureRequest(spec, name, models, notebooks, parallel, data, listener, live, runner);
    }

    /**
     * @param live where training statistics go as they are made (DL4J's browser UI)
     *
     * @return a copy with that value
     */
    public LectureRequest withLive(StatsStorageRouter live) {
        return new LectureRequest(spec, name, models, notebooks, parallel, data, listener, live, runner);
    }

    /**
     * @param runner where the candidates train (e.g. {@code SparkRunner}, module {@code losslab-spark})
     *
     * @return a copy with that value
     */
    public LectureRequest withRunner(CandidateRunner runner) {
        return new LectureRequest(spec, name, models, notebooks, parallel, data, listener, live, runner);
    }
}

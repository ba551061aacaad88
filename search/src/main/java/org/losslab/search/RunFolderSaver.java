package org.losslab.search;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultSaver;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.losslab.model.ModelZip;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Arbiter's result saver in LossLab's layout: candidate {@code n}'s model is {@code candidate-00n/model.zip} under
 * the search folder. LossLab's own search writes those folders itself (with run records and statistics); this saver
 * describes the layout in the Arbiter configuration the browser UI shows, and does the same for Arbiter's runner.
 */
public final class RunFolderSaver implements ResultSaver {

    @JsonProperty
    private String folder;

    /** For JSON. */
    public RunFolderSaver() {
    }

    public RunFolderSaver(String folder) {
        this.folder = folder;
    }

    private File modelFile(int index) {
        return new File(new File(folder, String.format("candidate-%03d", index)), "model.zip");
    }

    @Override
    public ResultReference saveModel(OptimizationResult result, Object modelResult) throws IOException {
        File file = modelFile(result.getIndex());
        if (!file.getParentFile().isDirectory() && !file.getParentFile().mkdirs()) {
            throw new IOException("cannot create " + file.getParentFile());
        }
        ModelSerializer.writeModel((MultiLayerNetwork) modelResult, file, true);
        return new ResultReference() {
            @Override
            public OptimizationResult getResult() {
                return result;
            }

            @Override
            public Object getResultModel() throws IOException {
                return ModelZip.load(file.toPath()).network();
            }
        };
    }

    @Override
    public List<Class<?>> getSupportedCandidateTypes() {
        return List.of(Object.class);
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(MultiLayerNetwork.class);
    }

    @Override
    public String toString() {
        return "LossLab run folders candidate-NNN/ under " + folder;
    }
}

package org.losslab.experiment;

import java.util.List;
import org.deeplearning4j.eval.Evaluation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.losslab.data.MiniBatches;
import org.losslab.data.MnistData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The network before its first epoch, measured as the epochs are: each layer's mean |∂C/∂w| and |∂C/∂b| over the
 * first {@value #EXAMPLES} training images in the run's mini-batches (the book's chapter 5 measures its layers'
 * speed of learning on 1,000 images at the start), the share of saturated units on the validation images the epochs
 * use, and the validation cost and accuracy. Nothing is trained: a copy of the network is probed, so the run's
 * numbers stay those of a run without the probe.
 */
public final class StartProbe {

    /** Training images whose mini-batch gradients are averaged. */
    public static final int EXAMPLES = 1000;

    private StartProbe() {
    }

    /**
     * @param net       the network as it starts (not changed)
     * @param data      the run's data
     * @param batchSize the run's mini-batch size
     * @return the start as epoch 0: no training time, the train cost the mean over the probed batches
     */
    public static EpochMetrics start(MultiLayerNetwork net, MnistData data, int batchSize) {
        MultiLayerNetwork probe = net.clone();
        probe.setListeners();
        int layers = probe.getnLayers();
        double[] weightSums = new double[layers];
        double[] biasSums = new double[layers];
        double costSum = 0;
        int batches = 0;
        MiniBatches first = new MiniBatches(data.train(), batchSize, 0, false);
        int examples = 0;
        while (first.hasNext() && examples < EXAMPLES) {
            DataSet batch = first.next();
            probe.setInput(batch.getFeatures());
            probe.setLabels(batch.getLabels());
            probe.computeGradientAndScore();
            SlowdownListener.add(probe.gradient(), batch.numExamples(), weightSums, biasSums);
            costSum += probe.score();
            batches++;
            examples += batch.numExamples();
        }
        DataSet validation = data.validation().arrays();
        INDArray output = probe.output(validation.getFeatures(), false);
        Evaluation evaluation = new Evaluation(10);
        evaluation.eval(validation.getLabels(), output);
        INDArray saturationInputs = validation.getFeatures().get(NDArrayIndex.interval(0,
                Math.min(Training.SATURATION_EXAMPLES, data.validation().count())), NDArrayIndex.all());
        return new EpochMetrics(0, batches == 0 ? Double.NaN : costSum / batches, probe.score(validation, false),
                evaluation.accuracy(), 0, SlowdownListener.means(weightSums, batches),
                Training.saturation(probe, saturationInputs), SlowdownListener.means(biasSums, batches));
    }

    /**
     * @param record a run's record
     * @return its start and every epoch after it: epoch 0 first when the record has it
     */
    public static List<EpochMetrics> withStart(RunRecord record) {
        if (record.start().isEmpty()) {
            return record.metrics();
        }
        List<EpochMetrics> all = new java.util.ArrayList<>(record.metrics().size() + 1);
        all.add(record.start().get());
        all.addAll(record.metrics());
        return all;
    }
}

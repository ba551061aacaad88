package org.losslab.experiment;

import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.io.SpecException;
import org.losslab.preset.NetworkSpec;

/**
 * A training run to do: the network (preset, layers, activation, init, η, λ, seed), the data, and how to train.
 * Validated on construction; start from {@link #of(NetworkSpec, DataSpec)}.
 *
 * @param network   the network; its λ is divided by the number of training examples actually used
 * @param data      which data and where from
 * @param epochs    epochs to train
 * @param batchSize examples per mini-batch
 * @param earlyStop stop after this many epochs without a better validation accuracy (DL4J's
 *                  {@code ScoreImprovementEpochTerminationCondition}); 0 = never
 * @param threads   ND4J threads; 1 is fastest for these small nets on two cores
 * @param trainingCost what each epoch's training cost is: the cost over the training split after the epoch (the
 *                  book's, and the faster step) or the mean of the epoch's mini-batch scores
 */
public record Experiment(NetworkSpec network, DataSpec data, int epochs, int batchSize, int earlyStop,
                         int threads, TrainingCost trainingCost) {

    /**
     * Validates every field.
     *
     * @param network the network; its λ is divided by the number of training examples actually used
     * @param data which data and where from
     * @param epochs epochs to train
     * @param batchSize examples per mini-batch
     * @param earlyStop stop after this many epochs without a better validation accuracy (DL4J's {@code
     *                  ScoreImprovementEpochTerminationCondition}); 0 = never
     * @param threads ND4J threads; 1 is fastest for these small nets on two cores
     * @param trainingCost what each epoch's training cost is
     */
    public Experiment {
        if (network == null) {
            throw new SpecException("network", "must be given");
        }
        if (data == null) {
            throw new SpecException("data", "must be given");
        }
        if (network.inputs() != 784 || network.outputs() != 10) {
            throw new SpecException("network", "MNIST-format data needs 784 inputs and 10 outputs, got "
                    + network.inputs() + " and " + network.outputs());
        }
        if (epochs <= 0) {
            throw new SpecException("epochs", "must be > 0, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new SpecException("batchSize", "must be > 0, got " + batchSize);
        }
        if (earlyStop < 0) {
            throw new SpecException("earlyStop", "must be >= 0 (0 = off), got " + earlyStop);
        }
        if (threads < 1) {
            throw new SpecException("threads", "must be >= 1, got " + threads);
        }
        if (trainingCost == null) {
            throw new SpecException("trainingCost", "must be given");
        }
    }

    /**
     * {@return the book's settings: 30 epochs, mini-batch 10, no early stopping, one ND4J thread, the training cost
     * over the training split after each epoch}
     *
     * @param network the network; its λ is divided by the number of training examples actually used
     * @param data which data and where from
     */
    public static Experiment of(NetworkSpec network, DataSpec data) {
        return new Experiment(network, data, 30, 10, 0, 1, TrainingCost.EPOCH_END);
    }

    /** {@return the book's network on MNIST with every default} */
    public static Experiment defaults() {
        return of(NetworkSpec.defaults(), DataSpec.of(Dataset.MNIST));
    }

    public Experiment withEpochs(int epochs) {
        return new Experiment(network, data, epochs, batchSize, earlyStop, threads, trainingCost);
    }

    public Experiment withBatchSize(int batchSize) {
        return new Experiment(network, data, epochs, batchSize, earlyStop, threads, trainingCost);
    }

    public Experiment withEarlyStop(int earlyStop) {
        return new Experiment(network, data, epochs, batchSize, earlyStop, threads, trainingCost);
    }

    public Experiment withThreads(int threads) {
        return new Experiment(network, data, epochs, batchSize, earlyStop, threads, trainingCost);
    }

    public Experiment withNetwork(NetworkSpec network) {
        return new Experiment(network, data, epochs, batchSize, earlyStop, threads, trainingCost);
    }

    public Experiment withTrainingCost(TrainingCost trainingCost) {
        return new Experiment(network, data, epochs, batchSize, earlyStop, threads, trainingCost);
    }

    public Experiment withData(DataSpec data) {
        return new Experiment(network, data, epochs, batchSize, earlyStop, threads, trainingCost);
    }
}

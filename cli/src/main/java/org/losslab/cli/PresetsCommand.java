package org.losslab.cli;

import java.io.PrintWriter;
import org.losslab.preset.HiddenActivation;
import org.losslab.preset.Initialization;
import org.losslab.preset.Preset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code losslab presets}: the presets with their cost, output activation and output-layer gradient. */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the presets: cost, output activation, output-layer error δ = ∂C/∂z, DL4J loss.")
final class PresetsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        String row = "%-24s %-38s %-8s %-22s %s%n";
        out.printf(row, "preset", "cost", "output", "δ = ∂C/∂z", "DL4J loss");
        for (Preset preset : Preset.values()) {
            out.printf(row, preset.id(), preset.cost(), preset.outputActivation(), preset.delta(),
                    preset.dl4jLoss());
        }
        out.println();
        out.println("hidden activations (--activation):");
        for (HiddenActivation activation : HiddenActivation.values()) {
            out.printf("  %-8s %s%n", activation.id(), activation.formula());
        }
        out.println("initialisation (--init):");
        out.printf("  %-8s %s%n", Initialization.LARGE.id(), "weights and biases N(0, 1)");
        out.printf("  %-8s %s%n", Initialization.SCALED.id(), "weights N(0, 1/√n_in), biases N(0, 1)");
        out.flush();
    }
}

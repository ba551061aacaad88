package org.losslab.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code losslab completion}: a bash and zsh completion script for every command and option, from picocli. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for losslab's commands and options.",
                "Use it with: source <(./losslab completion)   (or save it under /etc/bash_completion.d/)."})
final class CompletionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // picocli's AutoComplete writes the script from the commands' own model, so it cannot drift from them
        String script = AutoComplete.bash("losslab", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
    }
}

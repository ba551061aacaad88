package org.losslab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.losslab.experiment.StatsFiles;
import org.losslab.experiment.Training;
import org.losslab.search.Search;
import org.losslab.ui.UiServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code losslab ui}: review finished runs (and searches) in the browser UI. */
@Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve the training statistics of finished runs in DL4J's browser UI, several at once; a search "
                + "folder brings all its candidates. Runs until Ctrl-C.")
final class UiCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", arity = "0..*", description = "Run or search folders (models/<id>).")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--listen", description = "Also show training statistics posted while runs train elsewhere: "
            + "give this UI's address to a --spark command's --live.")
    boolean listen;

    @CommandLine.Mixin
    UiOptions.Address ui;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (folders.isEmpty() && !listen) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required parameter: 'RUN_DIR' (or --listen)");
        }
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            files.addAll(statsFiles(folder));
        }
        List<StatsStorage> storages = new ArrayList<>();
        try {
            for (Path file : files) {
                storages.add(StatsFiles.open(file));
            }
        } catch (RuntimeException e) {
            storages.forEach(UiCommand::close);
            throw e;
        }
        UiServer server = ui.start(out);
        for (int i = 0; i < storages.size(); i++) {
            server.attach(storages.get(i));
            out.println("showing " + files.get(i) + " (sessions " + storages.get(i).listSessionIDs() + ")");
        }
        if (listen) {
            InMemoryStatsStorage received = new InMemoryStatsStorage();
            server.receive(received);
            out.println("listening for training statistics: --live " + server.address().toString()
                    .replaceAll("/$", "") + " (on a --spark command)");
        }
        UiOptions.serveUntilStopped(out, server, () -> storages.forEach(UiCommand::close));
    }

    private static void close(StatsStorage storage) {
        try {
            storage.close();
        } catch (java.io.IOException | RuntimeException | IllegalAccessError e) {
            // the process is ending and the file was only read; MapDB's own hook may have closed it already
        }
    }

    /** The stats files of a run folder, or of every candidate of a search folder. */
    static List<Path> statsFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + ": no such folder");
        }
        List<Path> files = new ArrayList<>();
        for (Path own : List.of(folder.resolve(Training.STATS_FILE), folder.resolve(Search.ARBITER_STATS_FILE))) {
            if (Files.isRegularFile(own)) {
                files.add(own);
            }
        }
        try (var children = Files.list(folder)) {
            children.filter(Files::isDirectory).sorted()
                    .map(child -> child.resolve(Training.STATS_FILE)).filter(Files::isRegularFile).forEach(files::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(folder + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder + ": no " + Training.STATS_FILE
                    + " here or in its subfolders; is it a run or search folder?");
        }
        return files;
    }
}

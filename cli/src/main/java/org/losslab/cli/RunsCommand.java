package org.losslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.losslab.report.Numbers;
import org.losslab.search.RunIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code losslab runs}: one table of the runs and searches under {@code models/}. */
@Command(name = "runs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the runs and searches under a folder of run folders: one row per training run, search "
                + "(its best candidate's figures) and candidate.")
final class RunsCommand implements Runnable {

    /** The table's columns, by which it can be sorted. */
    enum Column {
        ID("id", RunIndex.Entry::id),
        KIND("kind", e -> e.kind().id()),
        PRESET("preset", RunIndex.Entry::preset),
        ACTIVATION("activation", RunIndex.Entry::activation),
        HIDDEN("hidden", RunIndex.Entry::hidden),
        ETA("eta", e -> number(e.eta())),
        LAMBDA("lambda", e -> number(e.lambda())),
        EPOCHS("epochs", e -> e.epochs() == 0 ? "" : Integer.toString(e.epochs())),
        VALIDATION("validation", e -> percent(e.validationAccuracy())),
        TEST("test", e -> percent(e.testAccuracy())),
        STATUS("status", RunIndex.Entry::status),
        DATE("date", RunIndex.Entry::created);

        final String id;
        final Function<RunIndex.Entry, String> text;

        Column(String id, Function<RunIndex.Entry, String> text) {
            this.id = id;
            this.text = text;
        }

        /** Best first for the accuracies, else ascending (numbers as numbers). */
        Comparator<RunIndex.Entry> order() {
            return switch (this) {
                case VALIDATION -> byNumber(RunIndex.Entry::validationAccuracy).reversed();
                case TEST -> byNumber(RunIndex.Entry::testAccuracy).reversed();
                case ETA -> byNumber(RunIndex.Entry::eta);
                case LAMBDA -> byNumber(RunIndex.Entry::lambda);
                case EPOCHS -> Comparator.comparingInt(RunIndex.Entry::epochs);
                default -> Comparator.comparing(text);
            };
        }

        private static Comparator<RunIndex.Entry> byNumber(Function<RunIndex.Entry, OptionalDouble> value) {
            return Comparator.comparingDouble(e -> value.apply(e).orElse(Double.NEGATIVE_INFINITY));
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "models",
            description = "The folder of run folders (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--sort", paramLabel = "COLUMN", defaultValue = "id",
            description = "Sort by id, kind, preset, activation, hidden, eta, lambda, epochs, validation, test, "
                    + "status or date (accuracies best first; default: ${DEFAULT-VALUE}).")
    String sort;

    @Option(names = "--json", description = "Print the list as JSON, for scripts.")
    boolean json;

    @Override
    public void run() {
        Column by = java.util.Arrays.stream(Column.values()).filter(c -> c.id.equals(sort)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--sort: unknown column '" + sort + "'; the columns "
                        + "are " + String.join(", ", java.util.Arrays.stream(Column.values()).map(c -> c.id)
                        .toList())));
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": no such folder");
        }
        List<RunIndex.Entry> entries;
        try {
            entries = new ArrayList<>(RunIndex.list(root));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        entries.sort(by.order().thenComparing(RunIndex.Entry::id));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RunIndex.Entry e : entries) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", e.id());
                row.put("kind", e.kind().id());
                row.put("preset", e.preset());
                row.put("activation", e.activation());
                row.put("hidden", e.hidden());
                row.put("eta", value(e.eta()));
                row.put("lambda", value(e.lambda()));
                row.put("epochs", e.epochs());
                row.put("validationAccuracy", value(e.validationAccuracy()));
                row.put("testAccuracy", value(e.testAccuracy()));
                row.put("status", e.status());
                row.put("created", e.created());
                rows.add(row);
            }
            try {
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(rows));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the list is not serialisable", e);
            }
            out.flush();
            return;
        }
        if (entries.isEmpty()) {
            out.println("no runs or searches under " + root);
            out.flush();
            return;
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(java.util.Arrays.stream(Column.values()).map(c -> c.id).toArray(String[]::new));
        for (RunIndex.Entry e : entries) {
            cells.add(java.util.Arrays.stream(Column.values()).map(c -> c.text.apply(e)).toArray(String[]::new));
        }
        int[] widths = new int[Column.values().length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static Object value(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? Numbers.plain(value.getAsDouble()) : "";
    }

    private static String percent(OptionalDouble value) {
        return value.isPresent() && Double.isFinite(value.getAsDouble())
                ? String.format(Locale.ROOT, "%.2f%%", 100 * value.getAsDouble()) : "";
    }
}

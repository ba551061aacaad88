package org.losslab.lecture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.losslab.io.AtomicFiles;
import org.losslab.io.BuildInfo;
import org.losslab.report.Numbers;

/**
 * The figures a lecture run produced, as the docs quote them: one test accuracy per network, with the command and
 * commit that made them. Kept as JSON next to the docs ({@code docs/figures/}); the docs quote them only inside a
 * generated block ({@code <!-- figures:NAME -->} … {@code <!-- /figures -->}) that {@link #rewriteBlocks} writes from
 * the JSON, so that a test can tell when a quoted figure is no longer what the code produces.
 *
 * @param command  the command that made them
 * @param commit   the commit of the code that trained the networks, from their run records (the runs' own
 *                 provenance: a lecture that reused finished networks names the commit that trained them)
 * @param networks every MNIST network, in the lecture's order
 */
public record LectureFigures(String command, String commit, List<Network> networks) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- figures:([A-Za-z0-9._-]+) -->\\n)(.*?)(<!-- /figures -->)", Pattern.DOTALL);

    /** Copies the list. */
    public LectureFigures {
        networks = List.copyOf(networks);
    }

    /**
     * One network's figure.
     *
     * @param part         the part it belongs to ({@link Lecture.Part#id()})
     * @param setting      its setting ({@link Lecture.Spread#label()}'s words)
     * @param seed         its seed
     * @param status       how it ended
     * @param testAccuracy its test accuracy, when it trained to its end
     * @param book         the book's figure for it, when the book has one
     */
    public record Network(String part, String setting, long seed, String status, OptionalDouble testAccuracy,
                          OptionalDouble book) {
    }

    /**
     * @param outcome a finished lecture
     * @param command the command that ran it
     * @return its figures, with the commit its networks were trained at
     */
    public static LectureFigures of(Lecture.Outcome outcome, String command) {
        java.util.Set<String> commits = new java.util.TreeSet<>();
        List<Network> networks = new ArrayList<>();
        for (List<Lecture.Row> rows : List.of(outcome.costs(), outcome.activations(), outcome.depth(),
                outcome.initialization().stream().filter(r -> r.comparison().part() == Lecture.Part.INITIALIZATION)
                        .toList())) {
            for (Lecture.Row row : rows) {
                row.result().folder().filter(f -> Files.isRegularFile(f.resolve("run.json")))
                        .map(f -> org.losslab.experiment.RunRecord.read(f).versions().getOrDefault("commit", "unknown"))
                        .ifPresent(commits::add);
                Lecture.Spread one = new Lecture.Spread(row.comparison().part(), row.result().settings(), List.of(row),
                        row.book());
                networks.add(new Network(row.comparison().part().id(), one.label(), row.seed(),
                        row.stuck() ? row.result().status().id() + ", stuck" : row.result().status().id(),
                        row.result().testAccuracy(), row.book().map(b -> OptionalDouble.of(b.accuracy()))
                        .orElse(OptionalDouble.empty())));
            }
        }
        String commit = commits.isEmpty() ? BuildInfo.commit() : String.join(", ", commits);
        return new LectureFigures(command, commit, networks);
    }

    /**
     * @param file a figures file
     * @return its figures
     */
    public static LectureFigures read(Path file) throws IOException {
        return JSON.copy().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                .readValue(Files.readString(file), LectureFigures.class);
    }

    /**
     * Writes the figures as JSON, atomically.
     *
     * @param file the file
     */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, JSON.copy().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                .writeValueAsString(this) + "\n");
    }

    /** @return the figures as the docs quote them: a Markdown table, then the command and commit */
    public String markdown() {
        StringBuilder md = new StringBuilder("| part | network | seed | test accuracy | the book | status |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        for (Network n : networks) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", n.part(), n.setting(), n.seed(),
                    Numbers.percent(n.testAccuracy(), "—"), Numbers.percent(n.book(), "—"), n.status()));
        }
        return md.append("\nMade by `").append(command).append("` at commit `").append(commit)
                .append("`; `bench/figures.sh` runs it again and rewrites this table.\n").toString();
    }

    /**
     * @param text a document's text
     * @return the names of the figure blocks it holds, in order
     */
    public static List<String> blocks(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(2));
        }
        return names;
    }

    /**
     * @param text  a document's text
     * @param name  a block's name
     * @return the block's current content, as the document has it
     */
    public static String block(String text, String name) {
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(2).equals(name)) {
                return matcher.group(3);
            }
        }
        throw new IllegalArgumentException("no figures block '" + name + "'");
    }

    /**
     * Rewrites every figure block of the documents from the figure files of the same name in {@code figures}.
     *
     * @param figures   the folder of figure files ({@code NAME.json})
     * @param documents the documents (README.md, docs/benchmarks.md)
     */
    public static void rewriteBlocks(Path figures, List<Path> documents) throws IOException {
        for (Path document : documents) {
            String text = Files.readString(document);
            Matcher matcher = BLOCK.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String content = read(figures.resolve(matcher.group(2) + ".json")).markdown();
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + content + matcher.group(4)));
            }
            matcher.appendTail(out);
            AtomicFiles.writeString(document, out.toString());
        }
    }
}

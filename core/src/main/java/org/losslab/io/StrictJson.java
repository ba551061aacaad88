package org.losslab.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JSON from files a user may have been given, read with bounds (nesting depth, string and number lengths) and
 * duplicate keys refused, and checked for the class names DL4J's configurations carry ({@code "@class"},
 * {@code "type"}, Arbiter's {@code "@valueclass"}, and any value that reads as a class under a usual top-level
 * package, such as a search's {@code "dataSource"}): DL4J's JSON loads whatever class such a field names.
 */
public final class StrictJson {

    /** The deepest nesting of a LossLab or DL4J JSON file; DL4J's network configurations reach about 8. */
    public static final int MAX_DEPTH = 100;
    /** The longest string value (a search configuration holds a network's configuration as one string). */
    public static final int MAX_STRING = 16 << 20;

    private static final Set<String> CLASS_FIELDS = Set.of("@class", "type", "@valueclass");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+");

    private StrictJson() {
    }

    /** {@return a Jackson factory with LossLab's bounds and duplicate keys refused} */
    public static JsonFactory factory() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_STRING).maxNumberLength(100).build())
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return factory;
    }

    /** {@return an object mapper on {@link #factory()}} */
    public static ObjectMapper mapper() {
        return new ObjectMapper(factory());
    }

    /**
     * Parses {@code json} and checks every class it names against {@code allowed}: an entry ending in a dot allows
     * every class under that package prefix, any other entry exactly that class.
     *
     * @throws BadFileException naming the file and entry: not JSON, past a bound, or a class outside the list
     * @param json the JSON text
     * @param allowed the allowed class names or prefixs
     * @param file the file
     * @param entry the zip entry, or empty for the file itself
     * @return the parsed JSON
     */
    public static JsonNode checkClasses(String json, List<String> allowed, Path file, String entry) {
        JsonNode tree;
        try {
            tree = mapper().readTree(json);
        } catch (IOException e) {
            throw new BadFileException(file, entry, "not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (tree == null) {
            throw new BadFileException(file, entry, "empty", null);
        }
        for (String name : classNames(tree)) {
            if (allowed.stream().noneMatch(a -> a.endsWith(".") ? name.startsWith(a) : name.equals(a))) {
                throw new BadFileException(file, entry, "names the class " + name
                        + ", which LossLab does not load from a file (allowed: "
                        + String.join(", ", allowed.stream().map(a -> a.endsWith(".") ? a + "*" : a).toList())
                        + ")", null);
            }
        }
        return tree;
    }

    /** Every value of a class-naming field in the tree that looks like a Java class name. */
    static List<String> classNames(JsonNode tree) {
        List<String> names = new ArrayList<>();
        List<JsonNode> pending = new ArrayList<>(List.of(tree));
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    JsonNode value = field.getValue();
                    if (value.isTextual() && CLASS_NAME.matcher(value.asText()).matches()
                            && (CLASS_FIELDS.contains(field.getKey()) || looksLikeAClass(value.asText()))) {
                        names.add(value.asText());
                    }
                    pending.add(value);
                }
            } else if (node.isArray()) {
                node.forEach(pending::add);
            }
        }
        return names;
    }

    /**
     * A value in any other field that names a class the way Java code does (DL4J and Arbiter also keep classes in
     * plain fields, e.g. a search's {@code "dataSource"}): a dotted name under a usual top-level package.
     */
    private static boolean looksLikeAClass(String value) {
        return TOP_LEVEL.stream().anyMatch(value::startsWith);
    }

    private static final List<String> TOP_LEVEL = List.of("java.", "javax.", "jdk.", "sun.", "com.", "org.", "net.",
            "io.", "scala.", "kotlin.", "groovy.");

    /**
     * {@return the first line of a parser's message, without its source excerpt}
     *
     * @param message the message
     */
    public static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

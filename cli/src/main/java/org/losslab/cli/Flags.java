package org.losslab.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.losslab.data.DataException;
import org.losslab.io.SpecException;
import org.losslab.ui.UiException;

/**
 * The library names the spec field a problem is about ({@link SpecException#field()}, {@link DataException#field()});
 * the command line names its option instead: {@code trainLimit: must be >= 0} becomes {@code --train-limit: must be
 * >= 0}. A field is its option in kebab case, except where the option has another name.
 */
final class Flags {

    /** Fields whose option is not their kebab-case name. */
    private static final Map<String, String> OTHER_NAMES = Map.of("batchSize", "--batch", "activations",
            "--activation", "mirrors", "--mirror", "port", "--ui-port", "host", "--ui-host",
            "settings", "--spark-conf");

    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    private Flags() {
    }

    /** @return the option that sets {@code field}, e.g. {@code --train-limit} for {@code trainLimit} */
    static String option(String field) {
        if (field.startsWith("--")) {
            return field; // the command line's own check, named by its option already
        }
        String other = OTHER_NAMES.get(field);
        if (other != null) {
            return other;
        }
        Matcher matcher = CAMEL.matcher(field);
        return "--" + matcher.replaceAll("$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** @return the message of a spec's exception with the field named as its option */
    static String message(SpecException e) {
        return option(e.field()) + ": " + e.problem();
    }

    /**
     * @return the message of a data exception in the command line's words: the data folder as {@code --data-dir},
     *         and what to give when the data was not found
     */
    static String message(DataException e) {
        String message = e.getMessage();
        if (e.field().filter("dataDir"::equals).isEmpty()) {
            return message;
        }
        if (message.startsWith("the data folder ")) {
            return "--data-dir " + message.substring("the data folder ".length());
        }
        return message.replace("Give a folder with the four files, or a mirror that serves them.",
                "Give a folder with the four files (--data-dir DIR), or a mirror that serves them (--mirror URL).");
    }

    /** @return the message of a UI exception with its host and port named as {@code --ui-host} and {@code --ui-port} */
    static String message(UiException e) {
        String message = e.getMessage();
        if (message.startsWith("host ")) {
            message = "--ui-host " + message.substring("host ".length());
            return message.replaceFirst(", port ", ", --ui-port ");
        }
        return message.startsWith("port ") ? "--ui-port " + message.substring("port ".length()) : message;
    }
}

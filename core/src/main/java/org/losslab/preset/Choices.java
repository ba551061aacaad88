package org.losslab.preset;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.losslab.io.SpecException;

/** Parsing of the lecture's named choices from user text, with messages that name the field and the value. */
public final class Choices {

    private Choices() {
    }

    /** A choice that has a user-facing name such as {@code cross-entropy-sigmoid}. */
    public interface Named {
        /**
         * The name users type, lower case with hyphens.
         *
         * @return the name users type, lower case with hyphens
         */
        String id();
    }

    /**
     * Finds the constant whose {@link Named#id()} or enum name matches {@code value}, ignoring case and
     * treating {@code _} and {@code -} alike.
     *
     * @throws SpecException naming {@code field}, the value and the allowed names
     * @param type the enum
     * @param field the field, as messages name it
     * @param value the value
     * @return the constant that {@code value} names
     * @param <E> the enum of choices
     */
    public static <E extends Enum<E> & Named> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new SpecException(field, "no value given; expected one of " + ids(type));
        }
        String wanted = normalise(value);
        for (E constant : type.getEnumConstants()) {
            if (normalise(constant.id()).equals(wanted) || normalise(constant.name()).equals(wanted)) {
                return constant;
            }
        }
        throw new SpecException(field, "unknown value '" + value + "'; expected one of " + ids(type));
    }

    /**
     * {@return the user-facing names of all constants, comma separated}
     *
     * @param type the enum
     * @param <E> the enum of choices
     */
    public static <E extends Enum<E> & Named> String ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Named::id).collect(Collectors.joining(", "));
    }

    private static String normalise(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

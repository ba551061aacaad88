package org.losslab.io;

import java.io.ObjectInputFilter;
import java.util.List;
import java.util.Set;

/**
 * What Java deserialization may build from a file LossLab did not write itself: classes by name (exact names, or
 * every class directly inside a package), and bounds on nesting depth, object references, array length and stream
 * bytes. {@link #filter()} is the same policy as a JEP 290 {@link ObjectInputFilter}.
 *
 * @param name           what the policy is for, in messages, e.g. "training statistics"
 * @param classes        classes allowed by their binary name, e.g. {@code java.lang.Integer}
 * @param packages       packages whose classes are allowed (not their subpackages), e.g. {@code java.lang}
 * @param maxDepth       the deepest nesting of objects
 * @param maxReferences  the most object references in one stream
 * @param maxArrayLength the longest array
 * @param maxBytes       the most bytes one stream may consume
 */
public record SerialPolicy(String name, Set<String> classes, List<String> packages, long maxDepth,
                           long maxReferences, long maxArrayLength, long maxBytes) {

    /** Boxed numbers, strings and enums: what every policy allows besides its own classes. */
    static final Set<String> BASICS = Set.of("java.lang.String", "java.lang.Number", "java.lang.Integer",
            "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte",
            "java.lang.Boolean", "java.lang.Character", "java.lang.Enum");

    public SerialPolicy {
        classes = Set.copyOf(classes);
        packages = List.copyOf(packages);
        if (maxDepth < 1 || maxReferences < 1 || maxArrayLength < 0 || maxBytes < 1) {
            throw new IllegalArgumentException("serial policy " + name + ": bounds must be positive");
        }
    }

    /**
     * Whether a class may be deserialized, by its name as a stream names it: arrays ({@code [I},
     * {@code [Ljava.lang.String;}) by their element type, primitive arrays always.
     *
     * @param className the class's name
     * @return whether a class may be deserialized, by its name as a stream names it: arrays ({@code [I}, {@code
     *         [Ljava.lang.String;}) by their element type, primitive arrays always
     */
    public boolean allows(String className) {
        String name = className;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.length() == 1 && "ZBCSIJFD".contains(name)) {
            return true;
        }
        if (name.startsWith("L") && name.endsWith(";") && !name.equals(className)) {
            name = name.substring(1, name.length() - 1);
        }
        if (BASICS.contains(name) || classes.contains(name)) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 && packages.contains(name.substring(0, dot));
    }

    /**
     * This policy as a JEP 290 filter: a class outside the allow-list, or a passed bound, is rejected.
     *
     * @return this policy as a JEP 290 filter: a class outside the allow-list, or a passed bound, is rejected
     */
    public ObjectInputFilter filter() {
        return info -> {
            if (info.depth() > maxDepth || info.references() > maxReferences
                    || info.arrayLength() > maxArrayLength || info.streamBytes() > maxBytes) {
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            return allows(type.getName()) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
        };
    }

    /** {@return the bounds, for messages: "depth 20, 100000 references, arrays of 50000000, 256 MiB"} */
    public String bounds() {
        return "depth " + maxDepth + ", " + maxReferences + " references, arrays of " + maxArrayLength + ", "
                + Bounded.bytes(maxBytes);
    }
}

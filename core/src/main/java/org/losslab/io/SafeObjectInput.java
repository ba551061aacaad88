package org.losslab.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * An {@link ObjectInputStream} for bytes from a file LossLab did not write: every class name is checked against a
 * {@link SerialPolicy} <em>before</em> the class is looked up (so a refused class is never loaded, let alone
 * initialised), proxies are refused, and the policy's bounds apply as a JEP 290 filter on this stream alone.
 */
public final class SafeObjectInput extends ObjectInputStream {

    private final SerialPolicy policy;

    /** Thrown for a class outside the policy; {@link #className()} names it. */
    public static final class RefusedClassException extends InvalidClassException {
        private static final long serialVersionUID = 1L;

        RefusedClassException(String className, String policy) {
            super(className, "not a class that " + policy + " may hold");
        }

        /** {@return the refused class's name, as the stream gave it} */
        public String className() {
            return classname;
        }
    }

    private SafeObjectInput(java.io.InputStream in, SerialPolicy policy) throws IOException {
        super(in);
        this.policy = policy;
        setObjectInputFilter(policy.filter());
    }

    /**
     * Reads one object from {@code bytes} under {@code policy}.
     *
     * @throws RefusedClassException for a class outside the policy (before it is loaded)
     * @throws InvalidClassException when a bound of the policy is passed (JEP 290: "filter status: REJECTED")
     * @throws IOException           for bytes that are not a serialization stream
     * @param bytes the bytes
     * @param policy the allow-list and bounds
     * @return the object
     */
    public static Object read(byte[] bytes, SerialPolicy policy) throws IOException {
        try (java.io.InputStream in = new ByteArrayInputStream(bytes)) {
            return read(in, policy);
        }
    }

    /**
     * Reads one object from {@code in} under {@code policy}, leaving the stream after it (Java serialization
     * delimits itself), as {@link #read(byte[], SerialPolicy)}.
     *
     * @param in the stream to read
     * @param policy the allow-list and bounds
     * @return the object
     */
    public static Object read(java.io.InputStream in, SerialPolicy policy) throws IOException {
        SerialFilters.install(); // Java fixes the filter factory at the first stream: LossLab's must come first
        try {
            return new SafeObjectInput(in, policy).readObject();
        } catch (ClassNotFoundException e) {
            InvalidClassException missing = new InvalidClassException(e.getMessage(), "class not found");
            missing.initCause(e);
            throw missing;
        }
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        if (!policy.allows(desc.getName())) {
            throw new RefusedClassException(desc.getName(), policy.name());
        }
        return super.resolveClass(desc);
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws InvalidClassException {
        throw new RefusedClassException("a proxy of " + String.join(", ", interfaces), policy.name());
    }
}

package org.losslab.nd4j;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Security;
import java.util.Map;

/**
 * A {@link SecureRandom} provider that gives each thread a strong generator of its own (the JDK's
 * {@code SHA1PRNG}, seeded from the system as usual), for when several trainings share one JVM.
 *
 * <p>ND4J 1.0.0-beta7 names every operation it creates with {@code UUID.randomUUID()}, which draws from one
 * JVM-wide {@code SecureRandom}; on Linux that is {@code NativePRNG}, which serves all threads through one lock and
 * reads {@code /dev/urandom} every few UUIDs. Two trainings in one JVM then queue behind each other there: on two
 * cores, 8 candidates two at a time took as long as one at a time; with this provider 20% less
 * (docs/benchmarks.md). LossLab's command line installs it at start; Java users who train in parallel call
 * {@link #install()} before their first training.
 */
public final class PerThreadSecureRandom extends Provider {

    private static final long serialVersionUID = 1L;
    /** The provider's name. */
    public static final String NAME = "LossLabPerThread";
    /** The algorithm it registers (the default once installed). */
    public static final String ALGORITHM = "PerThreadSHA1PRNG";

    private PerThreadSecureRandom() {
        super(NAME, "1.0", "one SHA1PRNG SecureRandom per thread");
        putService(new Service(this, "SecureRandom", ALGORITHM, Spi.class.getName(), null,
                Map.of("ThreadSafe", "true")));
    }

    /**
     * Makes the per-thread generator the JVM's default {@code SecureRandom}, unless it is already. Call it before
     * anything creates a UUID: {@code UUID.randomUUID()} keeps the generator it gets first.
     */
    public static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new PerThreadSecureRandom(), 1);
        }
    }

    /** The generator: each call goes to the calling thread's own {@code SHA1PRNG}. */
    public static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private static final ThreadLocal<SecureRandom> OWN = ThreadLocal.withInitial(() -> {
            try {
                return SecureRandom.getInstance("SHA1PRNG", "SUN");
            } catch (NoSuchAlgorithmException | java.security.NoSuchProviderException e) {
                throw new IllegalStateException("the JDK has no SHA1PRNG", e);
            }
        });

        /** Made by the security framework. */
        public Spi() {
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            OWN.get().setSeed(seed);
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            OWN.get().nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            return OWN.get().generateSeed(numBytes);
        }
    }
}

package org.losslab.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-thread SecureRandom: the default once installed, a generator per thread, UUIDs still unique. */
class PerThreadSecureRandomTest {

    @Test
    void installedItIsTheDefaultAndEveryThreadHasItsOwnGenerator() throws Exception {
        PerThreadSecureRandom.install();
        PerThreadSecureRandom.install(); // twice is once
        assertThat(java.security.Security.getProviders()).filteredOn(p -> p.getName()
                .equals(PerThreadSecureRandom.NAME)).hasSize(1);
        SecureRandom random = new SecureRandom();
        assertThat(random.getAlgorithm()).isEqualTo(PerThreadSecureRandom.ALGORITHM);

        Set<Object> generators = ConcurrentHashMap.newKeySet();
        Set<UUID> uuids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                new SecureRandom().nextInt(); // makes this thread's generator
                generators.add(System.identityHashCode(ownGenerator()));
                for (int i = 0; i < 10_000; i++) {
                    uuids.add(new UUID(random.nextLong(), random.nextLong()));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(generators).hasSize(4);
        assertThat(uuids).hasSize(40_000);
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        random.nextBytes(first);
        random.nextBytes(second);
        assertThat(first).isNotEqualTo(second);
    }

    private static SecureRandom ownGenerator() {
        try {
            var field = PerThreadSecureRandom.Spi.class.getDeclaredField("OWN");
            field.setAccessible(true);
            return ((ThreadLocal<SecureRandom>) field.get(null)).get();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

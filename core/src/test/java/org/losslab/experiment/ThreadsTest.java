package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/** ND4J's thread caps: OpenMP's is the calling thread's own, so trainings on other threads keep theirs. */
class ThreadsTest {

    @Test
    void theOpenMpCapIsTheCallingThreadsOnly() throws Exception {
        org.nd4j.linalg.factory.Nd4j.getBackend(); // ND4J's native library first
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        AtomicInteger capped = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        int before = onNewThread(ops::ompGetMaxThreads);
        Thread training = new Thread(() -> {
            Threads.limit(1);
            capped.set(ops.ompGetMaxThreads());
        });
        training.start();
        training.join();
        other.set(onNewThread(ops::ompGetMaxThreads));
        assertThat(capped.get()).isEqualTo(1);
        assertThat(other.get()).as("a thread that set nothing").isEqualTo(before);

        Thread two = new Thread(() -> {
            Threads.limit(2);
            capped.set(ops.ompGetMaxThreads());
        });
        two.start();
        two.join();
        assertThat(capped.get()).isEqualTo(2);
    }

    private static int onNewThread(java.util.function.IntSupplier what) throws InterruptedException {
        AtomicInteger value = new AtomicInteger();
        Thread thread = new Thread(() -> value.set(what.getAsInt()));
        thread.start();
        thread.join();
        return value.get();
    }
}

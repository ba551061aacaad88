package org.losslab.testing;

import java.nio.file.Path;

/** Where the tests find the source checkout: its README and docs, and {@code ../shared} beside it. */
public final class Checkout {

    private Checkout() {
    }

    /** The checkout's root: Maven's {@code maven.multiModuleProjectDirectory}, passed by surefire. */
    public static Path root() {
        return Path.of(System.getProperty("losslab.checkout", "..")).toAbsolutePath().normalize();
    }

    /** The full MNIST that CI keeps beside the checkout, {@code ../shared/data/mnist}. */
    public static Path sharedMnist() {
        return root().resolve("../shared/data/mnist").normalize();
    }
}

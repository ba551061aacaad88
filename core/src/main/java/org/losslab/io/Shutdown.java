package org.losslab.io;

/** Whether the JVM is shutting down (Ctrl-C, SIGTERM, {@code System.exit}), so that failures it causes stay quiet. */
public final class Shutdown {

    private Shutdown() {
    }

    /**
     * True once the JVM has begun to shut down: Java refuses new shutdown hooks from then on, which is the one
     * reliable sign it gives (hooks run in no defined order, so a flag set by a hook of our own could come late).
     *
     * @return whether Ctrl-C or SIGTERM is stopping the JVM
     */
    public static boolean inProgress() {
        Thread probe = new Thread(() -> { }, "losslab-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}

package org.losslab.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What this build of LossLab is: its version (from the jar's manifest) and the Git commit it was built from (from
 * {@code org/losslab/git.properties}, written by the build), with the library, Java and OS versions. Every saved
 * model
 * and every report carries these, so a run can be traced to its code.
 */
public final class BuildInfo {

    /** DL4J, ND4J, DataVec and Arbiter: one version for the whole family. */
    public static final String DL4J_VERSION = "1.0.0-beta7";

    private static final Properties GIT = load();

    private BuildInfo() {
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/org/losslab/git.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // no commit known: reported as "unknown"
        }
        return properties;
    }

    /**
     * LossLab's version, or {@code development build} when not run from the jar.
     *
     * @return LossLab's version, or {@code development build} when not run from the jar
     */
    public static String version() {
        String version = BuildInfo.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /**
     * The commit the classes were built from, e.g. {@code 3f2a9c1d…}, with {@code (uncommitted changes)} when the
     * working tree differed from it; {@code unknown} outside a Git checkout.
     *
     * @return the commit the classes were built from, e.g
     */
    public static String commit() {
        String commit = GIT.getProperty("git.commit.id");
        if (commit == null || commit.isBlank()) {
            return "unknown";
        }
        return Boolean.parseBoolean(GIT.getProperty("git.dirty")) ? commit + " (uncommitted changes)" : commit;
    }

    /**
     * LossLab's version and commit, and the DL4J, Java and OS versions, in that order.
     *
     * @return LossLab's version and commit, and the DL4J, Java and OS versions, in that order
     */
    public static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("losslab", version());
        versions.put("commit", commit());
        versions.put("deeplearning4j", DL4J_VERSION);
        versions.put("java", System.getProperty("java.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return versions;
    }
}

package org.losslab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** What {@code --restart} does to a named lecture or search folder. */
final class RunFolders {

    private RunFolders() {
    }

    /**
     * Removes an earlier folder of that kind, under its lock; refuses a folder that is not one.
     *
     * @param folder    the folder ({@code models/NAME})
     * @param stateFile the record that makes it one ({@code lecture.json}, {@code search.json})
     * @param what      what it is, for the lock and messages: {@code lecture}, {@code search}
     */
    static void discard(Path folder, String stateFile, String what) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isRegularFile(folder.resolve(stateFile))) {
            throw new IllegalArgumentException("--restart: " + folder + " is not a " + what + " folder (no "
                    + stateFile + "); remove it yourself or choose another --name");
        }
        try (org.losslab.io.FolderLock lock = org.losslab.io.FolderLock.acquire(folder, what);
             var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

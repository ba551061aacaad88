package org.losslab.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a half-written one: the
 * bytes go to a temporary file in the same folder, which is then moved over the target.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes the content of a stream. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes everything to {@code out}.
         *
         * @param out the temporary file's stream
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} through {@code writer}; on any failure the target is untouched and the temporary file is
     * removed. Missing parent folders are created.
     *
     * @param target the file to write
     * @param writer writes the content
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = temporaryBeside(absolute);
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writer.write(out);
            } catch (IOException e) {
                // e.g. "No space left on device", which names no file: say which one; the old one is intact
                throw new IOException(target + ": cannot write (" + e.getMessage() + "); the previous version, if "
                        + "any, is unchanged", e);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A new empty file next to {@code target}, named {@code .<name>.<random>.part}, with the permissions every new
     * file gets (not {@code createTempFile}'s owner-only ones, which the final file would keep).
     *
     * @param target the file to write
     * @return a new empty file next to {@code target}, named {@code .<name>.<random>.part}, with the permissions
     *         every new file gets (not {@code createTempFile}'s owner-only ones, which the final file would keep)
     */
    public static Path temporaryBeside(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        for (int attempt = 0; ; attempt++) {
            Path candidate = folder.resolve("." + target.getFileName() + "."
                    + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".part");
            try {
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Whether {@code file} is a temporary file of {@link #temporaryBeside} that no move finished (a write that was
     * killed): of {@code target} when given, of any file when {@code target} is null.
     *
     * @param file the file
     * @param target the file to write
     * @return whether {@code file} is a temporary file of {@link #temporaryBeside} that no move finished (a write
     *         that was killed): of {@code target} when given, of any file when {@code target} is null
     */
    public static boolean isTemporary(Path file, Path target) {
        String name = file.getFileName().toString();
        String prefix = target == null ? "." : "." + target.getFileName() + ".";
        return name.startsWith(prefix) && name.endsWith(".part");
    }

    /**
     * Writes a UTF-8 text.
     *
     * @param target the file to write
     * @param text the text
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}

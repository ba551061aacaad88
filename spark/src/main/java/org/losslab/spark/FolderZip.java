package org.losslab.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.losslab.io.BadFileException;
import org.losslab.io.Bounded;

/**
 * A run folder as bytes, for the trip between driver and executor: its regular files, flat or in sub-folders, in a
 * zip. Unpacking refuses entries that would leave the folder and stops at a size bound.
 */
final class FolderZip {

    /** The most a run folder may unpack to: the largest LossLab network's checkpoints and statistics, with room. */
    static final long MAX_BYTES = 2L << 30;

    private FolderZip() {
    }

    /**
     * @param folder a run folder
     * @return its files, zipped (entries stored, not compressed: model zips and PNGs already are)
     */
    static byte[] zip(Path folder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out); Stream<Path> walk = Files.walk(folder)) {
            zip.setLevel(1);
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /**
     * Unpacks into {@code folder}, which must not exist yet.
     *
     * @param bytes  what {@link #zip(Path)} made
     * @param folder where the files go (created)
     * @param origin what sent the bytes, for messages
     * @throws BadFileException naming {@code origin} when an entry would leave the folder or the whole is too large
     */
    static void unzip(byte[] bytes, Path folder, String origin) throws IOException {
        Files.createDirectories(folder);
        Path root = folder.toAbsolutePath().normalize();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root) || entry.getName().contains("\\")) {
                    throw new BadFileException(Path.of(origin), "entry '" + entry.getName()
                            + "' would leave the run folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                byte[] content = Bounded.readAll(zip, MAX_BYTES - total);
                total += content.length;
                Files.write(target, content);
            }
        }
    }

    /** Removes a folder and everything in it, if it exists. */
    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.losslab.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.losslab.io.AtomicFiles;
import org.losslab.io.BadFileException;
import org.losslab.io.FolderLock;
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
            for (Path file : walk.filter(Files::isRegularFile).filter(FolderZip::kept).sorted().toList()) {
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

    /** A run folder's lock file and unfinished atomic writes stay behind. */
    private static boolean kept(Path file) {
        return !file.getFileName().toString().equals(FolderLock.FILE) && !AtomicFiles.isTemporary(file, null);
    }

    /**
     * Moves what {@code incoming} holds into {@code folder} (created if need be), file by file, each replacing its
     * namesake atomically; the checkpoint {@code model.zip} next to last and {@code run.json} last, so that a
     * process stopped in between leaves a folder that resumes from a whole checkpoint.
     *
     * @param incoming an unpacked run folder
     * @param folder   the run folder to update
     * @param whole    whether {@code incoming} is the whole run folder: files of {@code folder} that it lacks are
     *                 removed then (after the moves)
     */
    static void update(Path incoming, Path folder, boolean whole) throws IOException {
        Files.createDirectories(folder);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(incoming)) {
            files = walk.filter(Files::isRegularFile).map(incoming::relativize)
                    .sorted(Comparator.comparingInt((Path f) -> switch (f.toString()) {
                        case "model.zip" -> 1;
                        case "run.json" -> 2;
                        default -> 0;
                    }).thenComparing(Path::toString)).toList();
        }
        java.util.Set<Path> names = new java.util.HashSet<>(files);
        for (Path file : files) {
            Path target = folder.resolve(file.toString());
            Files.createDirectories(target.getParent());
            Files.move(incoming.resolve(file), target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        if (whole) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path stale : walk.filter(f -> Files.isRegularFile(f) && kept(f)
                        && !names.contains(folder.relativize(f))).toList()) {
                    Files.delete(stale);
                }
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

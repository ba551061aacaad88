package org.losslab.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a run, search or lecture folder to one process at a time: an operating-system lock on
 * {@code <folder>/.lock}, which ends with the process however it ends (a killed process holds none). A second
 * process is refused at once, in one line naming the folder and the process that has it.
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file's name inside the folder. */
    public static final String FILE = ".lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** A folder that another process (or another part of this one) is using; the message names it. */
    public static final class InUseException extends BadFileException {
        private static final long serialVersionUID = 1L;

        InUseException(Path folder, String problem) {
            super(folder, problem);
        }
    }

    /**
     * Locks {@code folder} (created if missing) for this process.
     *
     * @param what what the folder holds, for the message, e.g. "run" or "lecture"
     * @throws InUseException when another process, or this one, holds it already
     * @param folder the folder
     * @return the lock, released by {@link #close()}
     */
    public static FolderLock acquire(Path folder, String what) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new InUseException(folder, "this " + what + " is in use by another LossLab process"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; wait until it ends, or use another folder");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                .getBytes(StandardCharsets.US_ASCII)));
        channel.force(false);
        return new FolderLock(file, channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d{1,19}") ? pid : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the folder and removes the lock file. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}

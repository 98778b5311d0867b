package io.realtimetrend.local;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * An output file that rolls at a size, as the JVMs' log4j2 files do: {@code f} becomes {@code f.1}, {@code f.1}
 * becomes {@code f.2}, and so on up to {@code f.<keep>}; the oldest is dropped. It rolls at the end of the line
 * that reaches the size, so a line is never split over two files (a writer that never ends a line is rolled at
 * twice the size). Local mode captures the stdout and stderr of its long-running services and its own stderr with it, so a
 * {@code --live} run of weeks keeps at most {@code (keep + 1)} files of about {@code maxBytes} each.
 */
public final class RollingFile extends OutputStream {

    /** The size and count every long-running capture of local mode uses: the log4j2 files' 20 MB and 3. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;
    public static final int KEEP = 3;

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private FileOutputStream out;
    private long written;

    /** Starts {@code file} afresh (an older one is rolled first, so a restart keeps the last run's output). */
    public RollingFile(Path file, long maxBytes, int keep) throws IOException {
        this.file = Objects.requireNonNull(file, "file is null");
        if (maxBytes < 1 || keep < 1) {
            throw new IllegalArgumentException("maxBytes and keep must be positive: " + maxBytes + ", " + keep);
        }
        this.maxBytes = maxBytes;
        this.keep = keep;
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file) && Files.size(file) > 0) {
            shiftOlderFiles();
        }
        this.out = new FileOutputStream(file.toFile());
    }

    /** A capture of the usual size ({@link #MAX_BYTES}, {@link #KEEP}). */
    public static RollingFile of(Path file) throws IOException {
        return new RollingFile(file, MAX_BYTES, KEEP);
    }

    /** Copies {@code in} into {@code file} on a daemon thread until it ends: a child process's stdout or stderr. */
    public static Thread pump(InputStream in, Path file, long maxBytes, int keep) throws IOException {
        Objects.requireNonNull(in, "in is null");
        RollingFile target = new RollingFile(file, maxBytes, keep);
        Thread thread = new Thread(() -> {
            try (in; target) {
                in.transferTo(target);
            } catch (IOException e) {
                // the child ended or its pipe broke: what it wrote so far is in the file
            }
        }, "capture-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int start = offset;
        int left = length;
        while (left > 0) {
            int lineEnd = endOfTheLineReachingTheSize(bytes, start, left);
            if (lineEnd < 0) {
                out.write(bytes, start, left);
                written += left;
                if (written >= 2 * maxBytes) {
                    roll();
                }
                return;
            }
            out.write(bytes, start, lineEnd - start);
            roll();
            left -= lineEnd - start;
            start = lineEnd;
        }
    }

    /** The index after the newline of the line in which the file reaches its size, or -1 if none is here. */
    private int endOfTheLineReachingTheSize(byte[] bytes, int start, int length) {
        long untilFull = maxBytes - written;
        if (untilFull > length) {
            return -1;
        }
        for (int i = start + (int) Math.max(0, untilFull - 1); i < start + length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private void roll() throws IOException {
        out.close();
        shiftOlderFiles();
        out = new FileOutputStream(file.toFile());
        written = 0;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** The name of the {@code n}-th older file ({@code f.n}). */
    public static Path older(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void shiftOlderFiles() throws IOException {
        Files.deleteIfExists(older(file, keep));
        for (int n = keep - 1; n >= 1; n--) {
            if (Files.exists(older(file, n))) {
                Files.move(older(file, n), older(file, n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, older(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }
}

package io.realtimetrend.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The complete lines appended to some files since the last look, each file read from where the last look stopped (a
 * live run's logs grow for weeks). A file that {@link RollingFile} rolled in between is followed: the rest of its
 * {@code .1} first, then the new file from its start; a file missing at that instant (not written yet, or between
 * its rename and the new file) is read at the next look.
 */
final class LogTail {

    private final List<Path> files;
    private final long[] read;

    LogTail(Path... files) {
        this.files = List.of(Objects.requireNonNull(files, "files is null"));
        this.read = new long[files.length];
    }

    List<String> newLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try {
                if (Files.size(file) < read[i]) {
                    Path rolled = RollingFile.older(file, 1);
                    if (Files.exists(rolled)) {
                        completeLinesFrom(rolled, read[i], lines);
                    }
                    read[i] = 0;
                }
                read[i] += completeLinesFrom(file, read[i], lines);
            } catch (NoSuchFileException notYet) {
                // not written yet, or rolled this instant (renamed, the new one not created): the next look reads it
            }
        }
        return lines;
    }

    /** Adds the non-blank complete lines of {@code file} after {@code offset}; returns how many bytes they took. */
    private static long completeLinesFrom(Path file, long offset, List<String> lines) throws IOException {
        byte[] added;
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, in.size() - offset));
            in.position(offset);
            while (buffer.hasRemaining() && in.read(buffer) > 0) {
                // reads until the buffer holds what the file had
            }
            added = Arrays.copyOf(buffer.array(), buffer.position());
        }
        int end = added.length;
        while (end > 0 && added[end - 1] != '\n') {
            end--;
        }
        new String(added, 0, end, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).forEach(lines::add);
        return end;
    }
}

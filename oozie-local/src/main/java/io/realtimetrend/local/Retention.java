package io.realtimetrend.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code local --live --retain P7D}: keeps a long run's disk use bounded. Deletes raw snapshots and trends windows
 * whose slot (read from their contract name, never a file time) is older than {@code retain}, and local mode's own
 * log directories and files last written before that. The table's partitions are kept: they are small (ORC, one
 * file per hour), no later load rewrites an hour that old, and dropping them would need the metastore. Paths are
 * matched relative to the data root and the work directory, so a data root inside a {@code logs-…} folder loses
 * nothing else. A retention under {@link #MINIMUM} is refused: the analyzed hour and the hour before it are read.
 *
 * @param dataRoot the local data root (raw/, trends/)
 * @param work     local mode's work directory (its {@code logs-*} directories)
 */
public record Retention(Path dataRoot, Path work, Duration retain, ZoneId zone) {

    /** The shortest retention: an hour's window reads the slots of the hour before its end, and the load its hour. */
    public static final Duration MINIMUM = Duration.ofHours(2);

    private static final DateTimeFormatter STEM = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    public Retention {
        Objects.requireNonNull(dataRoot, "dataRoot is null");
        Objects.requireNonNull(work, "work is null");
        Objects.requireNonNull(retain, "retain is null");
        Objects.requireNonNull(zone, "zone is null");
        if (retain.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("--retain " + retain + " is shorter than " + MINIMUM
                    + ": the hour being analyzed and the hour before it are still read");
        }
    }

    /** Deletes what is older than {@code retain} before {@code now}; returns how many files and directories. */
    public int apply(Instant now) throws IOException {
        Instant oldest = now.minus(retain);
        int deleted = 0;
        for (Path file : list(dataRoot.resolve("raw"), 3)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".csv") && slot(name.substring(0, name.length() - 4)).filter(oldest::isAfter).isPresent()) {
                deleted += delete(file);
            }
        }
        for (Path dir : list(dataRoot.resolve("trends"), 1)) {
            String name = dir.getFileName().toString();
            if (name.startsWith("window_end=") && slot(name.substring("window_end=".length()))
                    .filter(oldest::isAfter).isPresent()) {
                deleted += delete(dir);
            }
        }
        for (Path log : list(work, 2)) {
            // a file of a directory deleted just before is gone already
            if (work.relativize(log).getName(0).toString().startsWith("logs-") && Files.exists(log)
                    && Files.getLastModifiedTime(log).toInstant().isBefore(oldest)) {
                deleted += delete(log);
            }
        }
        return deleted;
    }

    private Optional<Instant> slot(String stem) {
        try {
            return Optional.of(LocalDateTime.parse(stem, STEM).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<Path> list(Path dir, int depth) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir, depth)) {
            return paths.filter(p -> !p.equals(dir)).toList();
        }
    }

    /** Deletes a file or a directory tree, then the parents it left empty up to the data root's children. */
    private int delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
                deleted++;
            }
        }
        Path parent = path.getParent();
        while (parent != null && parent.getFileName().toString().matches("(dt|hr)=.*") && isEmpty(parent)) {
            Files.delete(parent);
            parent = parent.getParent();
        }
        return deleted;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}

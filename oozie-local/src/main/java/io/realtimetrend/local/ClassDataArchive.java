package io.realtimetrend.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Application class-data sharing (AppCDS) for the short-lived JVM local mode starts for each action. The first run
 * of a main on a classpath writes a dynamic archive of the classes it loaded ({@code -XX:ArchiveClassesAtExit}),
 * kept only when that run succeeds; later runs map it ({@code -XX:SharedArchiveFile}) and skip most of class
 * loading, which is most of Spark's start. The archive's name holds a digest of the JVM, the classpath and each
 * entry's size and time, so a rebuilt jar never meets a stale archive. Local mode only: the Oozie definitions and
 * the shipped jars are the same with or without it.
 *
 * @param archive the archive runs map once it exists
 * @param pending where this run writes the archive when there is none yet (renamed to {@code archive} on success)
 */
record ClassDataArchive(Path archive, Path pending) {

    /** Keeps the JVM's CDS notes (e.g. classes of signed jars it skips) out of the action's stdout. */
    private static final List<String> QUIET = List.of("-Xlog:cds*=off");

    ClassDataArchive {
        Objects.requireNonNull(archive, "archive is null");
        Objects.requireNonNull(pending, "pending is null");
    }

    /** The archive in {@code dir} for {@code main} started with {@code jvmOptions} on {@code classpath}. */
    static ClassDataArchive of(Path dir, String main, List<String> jvmOptions, String classpath) throws IOException {
        String name = main.substring(main.lastIndexOf('.') + 1) + "-" + digest(jvmOptions, classpath);
        return new ClassDataArchive(dir.resolve(name + ".jsa"), dir.resolve(name + "." + UUID.randomUUID() + ".part"));
    }

    /** The JVM options of this run: map the archive, or write it at exit when there is none. */
    List<String> jvmOptions() throws IOException {
        if (Files.isRegularFile(archive)) {
            return Stream.concat(Stream.of("-XX:SharedArchiveFile=" + archive), QUIET.stream()).toList();
        }
        Files.createDirectories(pending.getParent());
        return Stream.concat(Stream.of("-XX:ArchiveClassesAtExit=" + pending), QUIET.stream()).toList();
    }

    /** After the run: a successful run's new archive becomes the one later runs map; anything else is dropped. */
    void finished(boolean succeeded) throws IOException {
        if (succeeded && Files.isRegularFile(pending) && !Files.exists(archive)) {
            Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.deleteIfExists(pending);
    }

    private static String digest(List<String> jvmOptions, String classpath) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((Runtime.version() + "\n" + String.join(" ", jvmOptions) + "\n").getBytes(StandardCharsets.UTF_8));
            for (String entry : classpath.split(":")) {
                Path path = Path.of(entry);
                String stamp = Files.exists(path) ? Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis() : "-";
                sha.update((entry + "=" + stamp + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

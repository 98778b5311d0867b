package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.SnapshotColumns;
import io.realtimetrend.contract.TrendColumns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a data root holds as its readers see it: the files Hive, Spark and the publish read, names starting '.' or '_' skipped. */
final class DataRootFiles {

    private DataRootFiles() {
    }

    /** The visible files under {@code dir} of the data root {@code data}, by path relative to it, with their bytes. */
    static Map<Path, byte[]> contents(Path data, String dir) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        if (!Files.exists(data.resolve(dir))) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(data.resolve(dir))) {
            for (Path file : walk.filter(file -> visibleFile(data, file)).toList()) {
                files.put(data.relativize(file), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /**
     * Every visible file is whole: snapshots and trends start with their header and end their last line, ORC files start
     * with ORC's magic.
     */
    static void assertNoPartialFileVisible(Path data) throws IOException {
        contents(data, "raw").forEach((file, bytes) -> {
            assertThat(file.toString()).endsWith(".csv");
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as(file.toString())
                    .startsWith(String.join(",", SnapshotColumns.HEADER)).endsWith("\n");
        });
        contents(data, "trends").forEach((file, bytes) -> {
            assertThat(file.getFileName().toString()).isEqualTo("trends.csv");
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as(file.toString())
                    .startsWith(String.join(",", TrendColumns.HEADER)).endsWith("\n");
        });
        contents(data, "warehouse").forEach((file, bytes) -> assertThat(new String(bytes, 0, Math.min(3, bytes.length),
                StandardCharsets.US_ASCII)).as(file.toString()).isEqualTo("ORC"));
    }

    /** A regular file no directory or name of which under the data root is hidden ('.' or '_'). */
    private static boolean visibleFile(Path data, Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        for (Path part : data.relativize(file)) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return false;
            }
        }
        return true;
    }
}

package io.realtimetrend.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The replace on the local filesystem and on a real HDFS (MiniDFSCluster). */
class AtomicReplaceTest {

    @TempDir
    static java.nio.file.Path base;

    private static MiniDFSCluster cluster;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    /** A fresh directory on the named filesystem, and the configuration to reach it. */
    private record Place(Configuration conf, FileSystem fs, Path dir) {

        static Place of(String kind) throws IOException {
            String name = "case-" + UUID.randomUUID();
            if (kind.equals("hdfs")) {
                FileSystem fs = cluster.getFileSystem();
                return new Place(cluster.getConfiguration(0), fs, new Path(fs.getUri() + "/" + name));
            }
            Configuration conf = new Configuration();
            Path dir = new Path(base.resolve(name).toUri());
            return new Place(conf, dir.getFileSystem(conf), dir);
        }

        List<String> names(Path directory) throws IOException {
            return Arrays.stream(fs.listStatus(directory)).map(s -> s.getPath().getName()).sorted().toList();
        }

        String read(Path file) throws IOException {
            return new String(fs.open(file).readAllBytes(), StandardCharsets.UTF_8);
        }

        void write(Path file, String text) throws IOException {
            try (Writer out = new OutputStreamWriter(fs.create(file, false), StandardCharsets.UTF_8)) {
                out.write(text);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "hdfs"})
    void aFileIsReplacedWholeAndNothingIsLeftBesideIt(String kind) throws IOException {
        Place place = Place.of(kind);
        Path target = new Path(place.dir(), "raw/slot.csv");

        AtomicReplace.file(place.conf(), target, out -> out.write("one"));
        AtomicReplace.file(place.conf(), target, out -> out.write("two"));

        assertThat(place.read(target)).isEqualTo("two");
        assertThat(place.names(target.getParent())).containsExactly("slot.csv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "hdfs"})
    void aFailedFileWriteKeepsTheOldFile(String kind) throws IOException {
        Place place = Place.of(kind);
        Path target = new Path(place.dir(), "slot.csv");
        AtomicReplace.file(place.conf(), target, out -> out.write("one"));

        assertThatThrownBy(() -> AtomicReplace.file(place.conf(), target, out -> {
            out.write("half of tw");
            throw new IOException("page gone");
        })).hasMessage("page gone");

        assertThat(place.read(target)).isEqualTo("one");
        assertThat(place.names(place.dir())).containsExactly("slot.csv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "hdfs"})
    void aDirectoryIsSwappedWholeAndTheOldStaysReadableUntilTheNewIsComplete(String kind) throws IOException {
        Place place = Place.of(kind);
        Path target = new Path(place.dir(), "window_end=202611261810");
        AtomicReplace.directory(place.conf(), target, (fs, dir) -> {
            place.write(new Path(dir, "a.csv"), "old a");
            place.write(new Path(dir, "b.csv"), "old b");
        });

        Path replaced = AtomicReplace.directory(place.conf(), target, (fs, dir) -> {
            assertThat(place.read(new Path(target, "a.csv"))).isEqualTo("old a");
            place.write(new Path(dir, "c.csv"), "new c");
            assertThat(place.names(target)).containsExactly("a.csv", "b.csv");
        });

        assertThat(replaced).isEqualTo(place.fs().makeQualified(target));
        assertThat(place.names(target)).containsExactly("c.csv");
        assertThat(place.read(new Path(target, "c.csv"))).isEqualTo("new c");
        assertThat(place.names(place.dir())).containsExactly("window_end=202611261810");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "hdfs"})
    void aFailedFillKeepsTheOldDirectoryAndLeavesNothingBesideIt(String kind) throws IOException {
        Place place = Place.of(kind);
        Path target = new Path(place.dir(), "app");
        AtomicReplace.directory(place.conf(), target, (fs, dir) -> place.write(new Path(dir, "workflow.xml"), "v1"));

        assertThatThrownBy(() -> AtomicReplace.directory(place.conf(), target, (fs, dir) -> {
            place.write(new Path(dir, "workflow.xml"), "v2");
            throw new IOException("upload broke");
        })).hasMessage("upload broke");

        assertThat(place.read(new Path(target, "workflow.xml"))).isEqualTo("v1");
        assertThat(place.names(place.dir())).containsExactly("app");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "hdfs"})
    void aDirectoryIsCreatedWhenMissing(String kind) throws IOException {
        Place place = Place.of(kind);
        Path target = new Path(place.dir(), "trends/window_end=202611261820");

        AtomicReplace.directory(place.conf(), target, (fs, dir) -> place.write(new Path(dir, "trends.csv"), "x"));

        assertThat(place.read(new Path(target, "trends.csv"))).isEqualTo("x");
        assertThat(place.names(target.getParent())).containsExactly("window_end=202611261820");
    }
}

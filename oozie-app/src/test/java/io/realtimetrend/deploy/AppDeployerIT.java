package io.realtimetrend.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys the app directory `mvn package` built to a real HDFS (MiniDFSCluster), twice. */
class AppDeployerIT {

    private static final File APP_DIR = new File(System.getProperty("app.dir", "target/realtime-trend-app"));

    @TempDir
    static Path base;

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
        cluster.shutdown();
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static List<String> hdfsFiles(FileSystem fs, org.apache.hadoop.fs.Path root) throws IOException {
        List<String> names = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        String prefix = fs.makeQualified(root).toString() + "/";
        while (it.hasNext()) {
            names.add(it.next().getPath().toString().substring(prefix.length()));
        }
        return names.stream().sorted().toList();
    }

    @Test
    void packagedAppLandsOnHdfsAndASecondDeployReplacesIt() throws IOException {
        FileSystem fs = cluster.getFileSystem();
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(fs.getUri() + "/apps/realtime-trend");
        List<String> packaged = relativeFiles(APP_DIR.toPath());
        assertThat(packaged).contains("workflow.xml", "coordinator.xml", "bundle.xml", "job.properties",
                "lib/realtime-trend-java-actions.jar", "lib/realtime-trend-spark-job.jar");

        new AppDeployer(cluster.getConfiguration(0)).deploy(APP_DIR, target);
        fs.create(new org.apache.hadoop.fs.Path(target, "stale-file-from-an-old-release.txt")).close();
        new AppDeployer(cluster.getConfiguration(0)).deploy(APP_DIR, target);

        assertThat(hdfsFiles(fs, target)).isEqualTo(packaged);
        assertThat(fs.listStatus(target.getParent())).extracting(s -> s.getPath().getName())
                .containsExactly("realtime-trend");
        String workflow = new String(fs.open(new org.apache.hadoop.fs.Path(target, "workflow.xml")).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(workflow).isEqualTo(Files.readString(APP_DIR.toPath().resolve("workflow.xml")));
    }

    @Test
    void libHoldsNoHadoopHiveOrSparkClasses() throws IOException {
        for (File jar : Objects.requireNonNull(new File(APP_DIR, "lib").listFiles())) {
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar)) {
                assertThat(file.stream().map(java.util.jar.JarEntry::getName))
                        .as(jar.getName())
                        .noneMatch(name -> name.startsWith("org/apache/hadoop/") || name.startsWith("org/apache/hive/")
                                || name.startsWith("org/apache/spark/") || name.startsWith("org/apache/hadoop/hive/"));
            }
        }
    }
}

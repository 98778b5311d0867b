package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TimeFormats;
import io.realtimetrend.testing.FixtureSite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots on a real HDFS (MiniDFSCluster): atomic rename, kept on rerun, replaced by a recrawl, nothing left beside them. */
class SnapshotOnHdfsTest {

    @TempDir
    static Path base;

    private static MiniDFSCluster cluster;

    @BeforeAll
    static void startHdfs() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Test
    void crawlActionWritesItsSnapshotToHdfs() throws Exception {
        FileSystem fs = cluster.getFileSystem();
        try (FixtureSite site = new FixtureSite("/io/realtimetrend/crawl/pages")) {
            site.answer(200, JsonApiCrawlTest.payload(10));

            CrawlRun run = CrawlRun.of(List.of("--source", "api", "--api-url", site.api().toString(),
                    "--data-root", fs.getUri() + "/data/action", "--nominal-time", "2026-11-26T09:10:00Z"));

            assertThat(run.exitCode()).as(run.stderr()).isZero();
        }
        org.apache.hadoop.fs.Path written =
                new org.apache.hadoop.fs.Path("/data/action/raw/dt=2026-11-26/hr=18/202611261810.csv");
        assertThat(new String(fs.open(written).readAllBytes(), StandardCharsets.UTF_8).lines()).hasSize(11);
    }

    @Test
    void rerunOnHdfsKeepsTheSnapshotAndCountsItsRows() throws Exception {
        FileSystem fs = cluster.getFileSystem();
        List<String> args = List.of("--source", "api", "--data-root", fs.getUri() + "/data/kept",
                "--nominal-time", "2026-11-26T09:10:00Z");
        org.apache.hadoop.fs.Path written =
                new org.apache.hadoop.fs.Path("/data/kept/raw/dt=2026-11-26/hr=18/202611261810.csv");
        try (FixtureSite site = new FixtureSite("/io/realtimetrend/crawl/pages")) {
            site.answer(200, JsonApiCrawlTest.payload("first")).answer(200, JsonApiCrawlTest.payload("changed"));
            List<String> withApi = new ArrayList<>(args);
            withApi.addAll(List.of("--api-url", site.api().toString()));
            assertThat(CrawlRun.of(withApi).exitCode()).isZero();
            byte[] first = fs.open(written).readAllBytes();

            CrawlRun rerun = CrawlRun.of(withApi);

            assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
            assertThat(fs.open(written).readAllBytes()).isEqualTo(first);
            assertThat(rerun.output()).containsEntry("kept", "true").containsEntry("rows", "10")
                    .containsEntry("path", fs.getUri() + written.toString());
            assertThat(site.apiRequests()).isEqualTo(1);
        }
    }

    private static List<RankedKeyword> ranking(String prefix) {
        return IntStream.rangeClosed(1, 10).mapToObj(i -> new RankedKeyword(i, prefix + i, KeywordState.UP)).toList();
    }

    @Test
    void recrawlReplacesTheSlotsSnapshotOnHdfsLeavingOneFile() throws Exception {
        FileSystem fs = cluster.getFileSystem();
        DataLayout layout = new DataLayout(fs.getUri() + "/data/rt");
        Slot slot = Slot.of(Instant.parse("2026-11-26T15:00:00Z"), TimeFormats.DEFAULT_ZONE);
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(layout.snapshotFile(slot));
        SnapshotWriter writer = new SnapshotWriter(cluster.getConfiguration(0));

        writer.write(new Snapshot(slot, slot.start().plusSeconds(7), ranking("first ")), target);
        writer.write(new Snapshot(slot, slot.start().plusSeconds(9), ranking("second ")), target);

        assertThat(target.toString()).endsWith("/data/rt/raw/dt=2026-11-27/hr=00/202611270000.csv");
        assertThat(Arrays.stream(fs.listStatus(target.getParent())).map(s -> s.getPath().getName()))
                .containsExactly("202611270000.csv");
        String content = new String(fs.open(target).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(content.lines()).hasSize(11).contains("2026-11-27 00:00:00,2026-11-27 00:00:09,1,second 1,up")
                .noneMatch(line -> line.contains("first"));
    }
}

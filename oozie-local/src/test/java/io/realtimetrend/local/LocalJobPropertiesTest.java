package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.TimeFormats;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalJobPropertiesTest {

    @TempDir
    Path app;

    private LocalJobProperties local() throws Exception {
        Files.copy(Path.of("../job.properties"), app.resolve("job.properties"), StandardCopyOption.REPLACE_EXISTING);
        Instant first = Instant.parse("2026-11-26T09:10:00Z");
        return new LocalJobProperties(new RunningEngine.Hadoop("file:///", "localhost:8032", app.toUri().toString(),
                "file:///jars/*"),
                DataLayout.of(app.resolve("data").toString()), TimeFormats.DEFAULT_ZONE,
                new Schedule(first, first.plusSeconds(3000), 10, false), true, URI.create("http://127.0.0.1:9/"),
                "jdbc:hive2://127.0.0.1:9/", "thrift://127.0.0.1:9", "127.0.0.1:9", Map.of("crawlMaxLag", "PT50M"));
    }

    @Test
    void theFileLocalModeWritesHoldsWhatItSubmits() throws Exception {
        LocalJobProperties local = local();
        Properties read = new Properties();
        read.load(new StringReader(local.text(app)));

        assertThat(read).isEqualTo(local.over(app)).containsEntry("crawlMaxLag", "PT50M")
                .containsEntry("coordExecution", "FIFO").containsKey("oozie.bundle.application.path");
    }

    @Test
    void theFileKeepsTheShippedLinesTheReadmesBackfillRecipeEdits() throws Exception {
        String text = local().text(app);

        assertThat(text).contains("\n#oozie.coord.application.path=${appPath}/coordinator.xml\n")
                .contains("\noozie.bundle.application.path=${appPath}/bundle.xml\n")
                .contains("\ncrawlMaxLag=PT50M\n").doesNotContain("crawlMaxLag=PT20M");
    }

    @Test
    void theTableIsReadThroughTheMetastoreAsShippedWithTheEnginesHiveClient() throws Exception {
        assertThat(local().over(app)).containsEntry("analyzeSource", "metastore")
                .containsEntry("sparkHiveMetastoreJars", "file:///jars/*")
                .containsEntry("hiveMetastoreUris", "thrift://127.0.0.1:9");
        assertThatThrownBy(() -> new RunningEngine.Hadoop("file:///", "localhost:8032", app.toUri().toString(), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("hiveMetastoreJars is blank");
    }
}

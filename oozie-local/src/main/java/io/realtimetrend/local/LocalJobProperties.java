package io.realtimetrend.local;

import io.realtimetrend.contract.DataLayout;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.oozie.client.OozieClient;

/**
 * The job.properties of a local run: the shipped file, with this machine's services and the run's range laid over
 * it (and last, the user's {@code -P KEY=VALUE}). Every key local mode changes is here, with why.
 *
 * @param hadoop    where the engine's jobs find Hadoop and the app
 * @param signalUrl the page the crawl reads: the demo site or the live one
 * @param overrides the user's {@code -P} values, applied last
 */
public record LocalJobProperties(RunningEngine.Hadoop hadoop, DataLayout layout, ZoneId zone, Schedule schedule, boolean demo,
                                 URI signalUrl, String hiveJdbcUrl, String hiveMetastoreUri, String bootstrapServers,
                                 Map<String, String> overrides) {

    /** A property line's key, as the shipped file writes them ({@code key=value}). */
    private static final Pattern KEY = Pattern.compile("([A-Za-z0-9_.]+)\\s*=");

    /** Oozie's coordinator times: UTC minutes. */
    static final DateTimeFormatter OOZIE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    public LocalJobProperties {
        Objects.requireNonNull(hadoop, "hadoop is null");
        Objects.requireNonNull(layout, "layout is null");
        Objects.requireNonNull(zone, "zone is null");
        Objects.requireNonNull(schedule, "schedule is null");
        Objects.requireNonNull(signalUrl, "signalUrl is null");
        Objects.requireNonNull(hiveJdbcUrl, "hiveJdbcUrl is null");
        Objects.requireNonNull(hiveMetastoreUri, "hiveMetastoreUri is null");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers is null");
        overrides = Map.copyOf(overrides);
    }

    /**
     * The packaged app's job.properties (in {@code app}, the build's app directory) with the local values laid over it;
     * its {@code oozie.bundle.application.path} is kept, so a run is the app's bundle, as {@code oozie job -run} of the
     * shipped file starts it.
     */
    public Properties over(Path app) throws IOException {
        Properties job = new Properties();
        try (InputStream in = Files.newInputStream(app.resolve("job.properties"))) {
            job.load(in);
        }
        job.putAll(values());
        return job;
    }

    /**
     * {@link #over} as a file's text, for the CLI's {@code -config}: the packaged file line by line, its comments kept,
     * each value local mode sets in place of the shipped one, and the keys the shipped file lacks appended.
     */
    public String text(Path app) throws IOException {
        Map<String, String> values = values();
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(app.resolve("job.properties"), StandardCharsets.UTF_8)) {
            Matcher key = KEY.matcher(line);
            if (key.lookingAt() && values.containsKey(key.group(1))) {
                line = key.group(1) + "=" + escaped(values.remove(key.group(1)));
            }
            text.append(line).append('\n');
        }
        if (!values.isEmpty()) {
            text.append("\n# --- set by local mode, not in the shipped file\n");
            values.forEach((key, value) -> text.append(key).append('=').append(escaped(value)).append('\n'));
        }
        return text.toString();
    }

    /** A value as a properties file holds it (the values here have no leading blanks or line breaks). */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\");
    }

    /** What local mode lays over the shipped file: its own values, then the user's {@code -P}. */
    private Map<String, String> values() {
        Map<String, String> values = local();
        values.putAll(overrides);
        return values;
    }

    private Map<String, String> local() {
        Map<String, String> local = new LinkedHashMap<>();
        // the engine's Hadoop: the local filesystem, or the mini cluster the app was deployed to
        local.put("nameNode", hadoop.nameNode());
        local.put("jobTracker", hadoop.jobTracker());
        local.put("appPath", hadoop.appPath());
        local.put(OozieClient.USER_NAME, System.getProperty("user.name"));
        local.put("start", OOZIE_TIME.format(schedule.first()));
        local.put("end", OOZIE_TIME.format(schedule.last().plus(Duration.ofMinutes(1))));
        local.put("coordFrequencyMinutes", String.valueOf(schedule.frequencyMinutes()));
        if (!schedule.live()) {
            // a range: every slot of it run in order, none timed out while waiting for the one before (live keeps
            // the shipped LAST_ONLY, coordTimeout and coordConcurrency 1, as the clock drives it like a cluster's)
            local.put("coordExecution", "FIFO");
            local.put("coordTimeout", "-1");
            local.put("coordThrottle", "12");
        }
        local.put("dataRoot", layout.dataRoot());
        local.put("timezone", zone.getId());
        // the crawl: local Chromium on the demo or live page; a failure shows at once instead of after retries
        local.put("crawlSource", "browser");
        local.put("signalUrl", signalUrl.toString());
        local.put("seleniumUrl", "local");
        if (demo && !schedule.live()) {
            // the recorded pages stand for their slots, however long ago those were; a live site does not
            local.put("crawlMaxLag", "P3650D");
        }
        local.put("networkRetryMax", "0");
        // this machine's services
        local.put("hiveJdbcUrl", hiveJdbcUrl);
        local.put("hiveMetastoreUris", hiveMetastoreUri);
        // the table through the metastore, as shipped, with the engine's Spark's metastore client
        local.put("sparkHiveMetastoreJars", hadoop.hiveMetastoreJars());
        local.put("kafkaBootstrapServers", bootstrapServers);
        return local;
    }
}

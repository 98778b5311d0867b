package io.realtimetrend.contract;

import java.io.File;
import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Where every stage reads and writes under the data root (docs/contract.md sections 1-3), as Hadoop path strings.
 *
 * @param dataRoot a Hadoop URI or local directory, without a trailing slash
 */
public record DataLayout(String dataRoot) {

    /** The {@code --data-root} of commands run outside a cluster. */
    public static final String DEFAULT_ROOT = "./local-data";

    private static final DateTimeFormatter WINDOW_END = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    public DataLayout {
        Objects.requireNonNull(dataRoot, "dataRoot is null");
        while (dataRoot.length() > 1 && dataRoot.endsWith("/")) {
            dataRoot = dataRoot.substring(0, dataRoot.length() - 1);
        }
        if (dataRoot.isBlank()) {
            throw new IllegalArgumentException("dataRoot is empty");
        }
    }

    /**
     * The layout of the {@code --data-root} option: {@code hdfs://…} and {@code file:/…} stay as given, a plain
     * local path becomes an absolute {@code file:} URI.
     */
    public static DataLayout of(String dataRoot) {
        Objects.requireNonNull(dataRoot, "dataRoot is null");
        if (dataRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*")) {
            return new DataLayout(dataRoot);
        }
        return new DataLayout(new File(dataRoot).getAbsoluteFile().toPath().normalize().toUri().toString());
    }

    /**
     * This layout on {@code defaultFs}, as Hadoop resolves a path against {@code fs.defaultFS}: a root with the
     * default filesystem's scheme and no authority ({@code hdfs:///data/realtime-trend}) gets its authority
     * ({@code hdfs://namenode:8020/data/realtime-trend}), so that processes with another default (HiveServer2, a
     * client) reach the same files; any other root stays as it is.
     */
    public DataLayout on(String defaultFs) {
        URI fs = URI.create(Objects.requireNonNull(defaultFs, "defaultFs is null"));
        URI root = URI.create(dataRoot);
        if (root.getScheme() == null || root.getAuthority() != null || fs.getAuthority() == null
                || !root.getScheme().equalsIgnoreCase(fs.getScheme())) {
            return this;
        }
        return new DataLayout(fs.getScheme() + "://" + fs.getAuthority() + root.getPath());
    }

    /** How a command prints a location: a plain path for the local filesystem ({@code file:}), else the URI. */
    public static String display(String location) {
        Objects.requireNonNull(location, "location is null");
        if (location.startsWith("file:")) {
            return java.nio.file.Path.of(java.net.URI.create(location)).toString();
        }
        return location;
    }

    /** {@code raw/}: the crawl's CSV snapshots. */
    public String rawRoot() {
        return dataRoot + "/raw";
    }

    /** {@code raw/dt=…/hr=…}: every snapshot of the slot's hour. */
    public String rawHourDir(Slot slot) {
        return rawRoot() + "/dt=" + slot.dt() + "/hr=" + slot.hr();
    }

    /** {@code raw/dt=…/hr=…/yyyyMMddHHmm.csv}: one crawl's snapshot. */
    public String snapshotFile(Slot slot) {
        return rawHourDir(slot) + "/" + slot.fileStem() + ".csv";
    }

    /** The location of the EXTERNAL table {@code realtime_trend.keyword_rank}. */
    public String warehouseTable() {
        return dataRoot + "/warehouse/keyword_rank";
    }

    /** {@code warehouse/keyword_rank/dt=…/hr=…}: the table's partition of the slot's hour. */
    public String warehousePartition(Slot slot) {
        return warehouseTable() + "/dt=" + slot.dt() + "/hr=" + slot.hr();
    }

    /** {@code trends/}: one directory per analyzed window. */
    public String trendsRoot() {
        return dataRoot + "/trends";
    }

    /** {@code trends/window_end=yyyyMMddHHmm}: the analyze output of one window. */
    public String trendsDir(ZonedDateTime windowEnd) {
        return trendsRoot() + "/window_end=" + WINDOW_END.format(windowEnd);
    }

    /** {@code trends/window_end=…/trends.csv}. */
    public String trendsFile(ZonedDateTime windowEnd) {
        return trendsDir(windowEnd) + "/" + TrendColumns.FILE_NAME;
    }
}

package io.realtimetrend.load;

import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.StageOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/realtime-trend load}: runs {@code hql/load_snapshot.hql} for the slot's hour, on a HiveServer2 named by
 * {@code --jdbc-url} or, by default, on an embedded one started for the command. On a cluster the Oozie hive2
 * action runs the same file with the same parameters.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Loads the slot's hour of raw snapshots into realtime_trend.keyword_rank (docs/contract.md section 2).")
public final class LoadCommand implements Callable<Integer> {

    /** The load script, as packaged on the classpath (the same file the app's hql/ directory holds). */
    public static final String SCRIPT_RESOURCE = "/hql/load_snapshot.hql";

    @Mixin StageOptions stage;

    @Option(names = "--jdbc-url", description = "HiveServer2 to run on; default: an embedded one.") String jdbcUrl;
    @Option(names = "--hive-home", description = "Embedded engine's metastore/scratch directory (default: <data-root>/.hive for a local data root, ./.hive otherwise).") Path hiveHome;
    @Option(names = "--script", description = "HQL file to run instead of the packaged load_snapshot.hql.") Path script;

    @Mixin HiveTimeouts hive;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new LoadCommand(), args));
    }

    @Override
    public Integer call() throws Exception {
        Slot slot = stage.slot();
        String root = stage.layout().dataRoot();
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("dataRoot", root);
        vars.put("dt", slot.dt());
        vars.put("hr", slot.hr());
        HqlScript hql = HqlScript.parse(script == null ? "hql/load_snapshot.hql" : script.toString(), readScript());

        if (jdbcUrl != null) {
            run(jdbcUrl, hql, vars);
        } else {
            // Hive writes session chatter straight to System.err; its logs go to the log file (bin/log4j2.properties).
            PrintStream console = System.err;
            System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            try (EmbeddedHiveServer server = EmbeddedHiveServer.start(hiveHome())) {
                run(server.jdbcUrl(), hql, vars);
            } finally {
                System.setErr(console);
            }
        }
        System.out.println(DataLayout.display(stage.layout().warehousePartition(slot)));
        return 0;
    }

    private void run(String url, HqlScript hql, Map<String, String> vars) throws SQLException, LoadException {
        hive.run(url, hql, vars).forEach(System.out::println);
    }

    private String readScript() throws IOException {
        if (script != null) {
            return Files.readString(script, StandardCharsets.UTF_8);
        }
        try (InputStream in = LoadCommand.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IOException(SCRIPT_RESOURCE + " is not on the classpath (run mvn package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path hiveHome() {
        if (hiveHome != null) {
            return hiveHome;
        }
        return stage.dataRoot().contains("://") ? Path.of(".hive") : Path.of(stage.dataRoot(), ".hive");
    }
}

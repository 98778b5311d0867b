package io.realtimetrend.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command line that starts one of the build's modules in a JVM of its own with that module's classpath
 * ({@code <module>/target/classes}, {@code classpath.txt}, {@code classpath-provided.txt}), as a cluster runs each
 * action in its own container. Hive 4, Spark and Oozie never share a JVM this way.
 *
 * @param root the repository root (where {@code mvn package} ran)
 */
public record ModuleJvm(Path root) {

    public ModuleJvm {
        Objects.requireNonNull(root, "root is null");
    }

    /** The root named by {@code -Drealtime.trend.root} (bin/realtime-trend sets it), else the working directory. */
    public static ModuleJvm fromSystemProperty() {
        return new ModuleJvm(Path.of(System.getProperty("realtime.trend.root", ".")).toAbsolutePath().normalize());
    }

    /** {@code java [opens] [-Dk=v…] -cp <module classpath> main args…}, logging to {@code log}. */
    public List<String> command(ModuleMain moduleMain, Map<String, String> systemProperties, List<String> args,
                                Path log) throws IOException {
        String module = moduleMain.module();
        String main = moduleMain.main();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-XX:TieredStopAtLevel=1"); // short-lived JVMs: C1 only starts faster
        command.addAll(Arrays.asList(read(root.resolve("spark-job/target/classes/realtime-trend-jvm-options.txt")).split("\\s+")));
        command.add("-Dlog4j2.configurationFile=" + root.resolve("bin/log4j2.properties"));
        command.add("-Drealtime.trend.log=" + log);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        Path target = root.resolve(module).resolve("target");
        command.add(target.resolve("classes") + ":" + read(target.resolve("classpath.txt")) + ":"
                + read(target.resolve("classpath-provided.txt")));
        command.add(main);
        command.addAll(args);
        return command;
    }

    /** The packaged Oozie application: the very directory {@code mvn deploy} uploads. */
    public Path appDirectory() {
        return root.resolve("oozie-app/target/realtime-trend-app");
    }

    private static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " is missing: run mvn package (bin/realtime-trend builds it when missing)");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}

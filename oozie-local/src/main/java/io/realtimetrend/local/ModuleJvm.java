package io.realtimetrend.local;

import io.realtimetrend.contract.OrphanGuard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

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
        return command(moduleMain, List.of(), systemProperties, args, log);
    }

    /**
     * As {@link #command(ModuleMain, Map, List, Path)}, sharing class data with earlier runs of the same main and
     * classpath (see {@link ClassDataArchive}); call the archive's {@code finished} when the JVM has ended.
     */
    public Command commandWithArchive(ModuleMain moduleMain, Map<String, String> systemProperties, List<String> args,
                                      Path log) throws IOException {
        ClassDataArchive archive = ClassDataArchive.of(root.resolve(moduleMain.module()).resolve("target/cds"),
                moduleMain.main(), baseOptions(), classpath(moduleMain.module()));
        return new Command(command(moduleMain, archive.jvmOptions(), systemProperties, args, log), archive);
    }

    /** A command line and the class-data archive it maps or writes. */
    public record Command(List<String> line, ClassDataArchive archive) {
    }

    /**
     * As {@link #command(ModuleMain, Map, List, Path)}, with {@code extraOptions} after the JVM's usual options. The
     * main class runs under {@link OrphanGuard}: the JVM ends when the one that started it does, even by kill -9.
     */
    public List<String> command(ModuleMain moduleMain, List<String> extraOptions, Map<String, String> systemProperties,
                                List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(baseOptions());
        command.addAll(extraOptions);
        command.add("-Dlog4j2.configurationFile=" + root.resolve("bin/log4j2.properties"));
        command.add("-Drealtime.trend.log=" + log);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(classpath(moduleMain.module()));
        command.add(OrphanGuard.class.getName());
        command.add(moduleMain.main());
        command.addAll(args);
        return command;
    }

    private List<String> baseOptions() throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1")); // short-lived JVMs: C1 only starts faster
        options.addAll(javaOptions());
        return options;
    }

    /** The JVM options of the build's {@code jdk17.opens} (the opens Spark needs on JDK 17, and Hive's regex one). */
    public List<String> javaOptions() throws IOException {
        return Arrays.asList(read(root.resolve("spark-job/target/classes/realtime-trend-jvm-options.txt")).split("\\s+"));
    }

    /**
     * The module's jar (a class-data archive cannot hold classes from a directory, so not {@code target/classes}),
     * then its dependencies.
     */
    private String classpath(String module) throws IOException {
        Path target = root.resolve(module).resolve("target");
        Properties pom = new Properties();
        try (InputStream in = Files.newInputStream(requireBuilt(target.resolve("maven-archiver/pom.properties")))) {
            pom.load(in);
        }
        Path jar = requireBuilt(target.resolve(module + "-" + pom.getProperty("version") + ".jar"));
        return jar + ":" + read(target.resolve("classpath.txt")) + ":" + read(target.resolve("classpath-provided.txt"));
    }

    /**
     * The jars of the Hive metastore client Spark loads ({@code spark.sql.hive.metastore.jars.path}): the build's
     * {@code spark-job/hive-metastore-client/target/hive-metastore-client}, as a {@code file:} URI with {@code *}.
     */
    public String hiveMetastoreClientJars() throws IOException {
        Path jars = requireBuilt(root.resolve("spark-job/hive-metastore-client/target/hive-metastore-client"));
        return jars.toUri() + "*";
    }

    /** The packaged Oozie application: the very directory {@code mvn deploy} uploads. */
    public Path appDirectory() {
        return root.resolve("oozie-app/target/realtime-trend-app");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(requireBuilt(file), StandardCharsets.UTF_8).strip();
    }

    private static Path requireBuilt(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " is missing: run mvn package (bin/realtime-trend builds it when missing)");
        }
        return file;
    }
}

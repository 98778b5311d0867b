package io.realtimetrend.local;

import io.realtimetrend.contract.OrphanGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command line that starts one of the build's modules in a JVM of its own, as its launcher description
 * ({@link ModuleLauncher}, the file {@code bin/realtime-trend} reads too) says, as a cluster runs each action in its
 * own container. Hive 4, Spark and Oozie never share a JVM this way.
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

    /** {@code java [options] [-Dk=v…] -cp <module classpath> main args…}, logging to {@code log}. */
    public List<String> command(ModuleMain moduleMain, Map<String, String> systemProperties, List<String> args,
                                Path log) throws IOException {
        return command(moduleMain, List.of(), systemProperties, args, log);
    }

    /** As {@link #command(ModuleMain, Map, List, Path)}, with {@code extraOptions} after the JVM's usual options. */
    public List<String> command(ModuleMain moduleMain, List<String> extraOptions, Map<String, String> systemProperties,
                                List<String> args, Path log) throws IOException {
        ModuleLauncher launcher = ModuleLauncher.read(root, moduleMain.module());
        return command(launcher, launcher.mainClass(moduleMain), extraOptions, systemProperties, args, log);
    }

    /**
     * As {@link #command(ModuleMain, Map, List, Path)}, sharing class data with earlier runs of the same main and
     * classpath (see {@link ClassDataArchive}); call the archive's {@code finished} when the JVM has ended.
     */
    public Command commandWithArchive(ModuleMain moduleMain, Map<String, String> systemProperties, List<String> args,
                                      Path log) throws IOException {
        ModuleLauncher launcher = ModuleLauncher.read(root, moduleMain.module());
        String main = launcher.mainClass(moduleMain);
        ClassDataArchive archive = ClassDataArchive.of(root.resolve(moduleMain.module()).resolve("target/cds"),
                main, baseOptions(launcher), launcher.classpath());
        return new Command(command(launcher, main, archive.jvmOptions(), systemProperties, args, log), archive);
    }

    /** A command line and the class-data archive it maps or writes. */
    public record Command(List<String> line, ClassDataArchive archive) {
    }

    /** The class {@code moduleMain} runs, as its module's launcher description names it. */
    public String mainClass(ModuleMain moduleMain) throws IOException {
        return ModuleLauncher.read(root, moduleMain.module()).mainClass(moduleMain);
    }

    /**
     * The command line, with {@code extraOptions} after the JVM's usual options. The main class runs under
     * {@link OrphanGuard}: the JVM ends when the one that started it does, even by kill -9.
     */
    private List<String> command(ModuleLauncher launcher, String main, List<String> extraOptions,
                                 Map<String, String> systemProperties, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(baseOptions(launcher));
        command.addAll(extraOptions);
        command.add("-Dlog4j2.configurationFile=" + root.resolve("bin/log4j2.properties"));
        command.add("-Drealtime.trend.log=" + log);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(launcher.classpath());
        command.add(OrphanGuard.class.getName());
        command.add(main);
        command.addAll(args);
        return command;
    }

    /** Short-lived JVMs: 1 GiB and C1 only (starts faster), then the module's own options and the JDK opens. */
    private static List<String> baseOptions(ModuleLauncher launcher) {
        List<String> options = new ArrayList<>(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1"));
        options.addAll(launcher.javaOptions());
        options.addAll(launcher.jdkOpens());
        return options;
    }

    /**
     * The JVM options of the build's {@code jdk17.opens} (the opens Spark needs on JDK 17, and Hive's regex one), as
     * module {@code module}'s launcher description holds them.
     */
    public List<String> jdkOpens(String module) throws IOException {
        return ModuleLauncher.read(root, module).jdkOpens();
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

    static Path requireBuilt(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " is missing: run mvn package (bin/realtime-trend builds it when missing)");
        }
        return file;
    }
}

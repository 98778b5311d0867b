package io.realtimetrend.local;

import java.util.Objects;

/**
 * A main of one of the build's modules, as local mode starts it: the module (whose launcher description,
 * {@code target/launcher.properties}, gives the JVM's classpath and options) and either a name that description lists
 * ({@code main.NAME}) or a class name (java and spark actions take their class from workflow.xml).
 *
 * @param module the module directory
 * @param main   a {@code main.NAME} of the module's description, or a fully qualified class name (empty until
 *               {@link #withMain} names the class)
 */
public record ModuleMain(String module, String main) {

    /** The workflow's java actions (crawl, publish): the class is the workflow's ({@link #withMain}). */
    public static final ModuleMain JAVA_ACTIONS = new ModuleMain("java-actions", "");
    /** The workflow's spark action (analyze): the class is the workflow's ({@link #withMain}). */
    public static final ModuleMain SPARK_JOB = new ModuleMain("spark-job", "");
    /** The hive2 action's runner: Beeline's arguments over JDBC. */
    public static final ModuleMain RUN_HQL = new ModuleMain("hql", "run-hql");
    /** The Hive metastore as a service. */
    public static final ModuleMain HIVE_METASTORE = new ModuleMain("hql", "hive-metastore");
    /** HiveServer2 as a service. */
    public static final ModuleMain HIVE_SERVER = new ModuleMain("hql", "hive-server");
    /** The KRaft broker. */
    public static final ModuleMain KAFKA = new ModuleMain("local-kafka", "kafka");
    /** The KakaoTalk sender (dry-run in local mode). */
    public static final ModuleMain MESSAGE_SERVER = new ModuleMain("message-server", "message-server");

    public ModuleMain {
        Objects.requireNonNull(module, "module is null");
        Objects.requireNonNull(main, "main is null");
    }

    /** This module with the main class {@code className} (a java or spark action's class). */
    public ModuleMain withMain(String className) {
        return new ModuleMain(module, className);
    }

    /** Whether {@link #main} is a class name rather than a name of the module's description. */
    boolean namesAClass() {
        return main.contains(".");
    }
}

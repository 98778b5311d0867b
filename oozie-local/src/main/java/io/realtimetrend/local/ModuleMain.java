package io.realtimetrend.local;

import java.util.Objects;

/**
 * Which module of the build runs which main class in local mode: the one place that names them. Java and Spark
 * actions take their class from workflow.xml and only their module from here.
 *
 * @param module the module directory (its {@code target/classpath.txt} is the JVM's classpath)
 * @param main   the main class, empty for actions whose class the workflow names
 */
public record ModuleMain(String module, String main) {

    /** The workflow's java actions (crawl, publish). */
    public static final ModuleMain JAVA_ACTIONS = new ModuleMain("java-actions", "");
    /** The workflow's spark action (analyze). */
    public static final ModuleMain SPARK_JOB = new ModuleMain("spark-job", "");
    /** The hive2 action's runner: Beeline's arguments over JDBC. */
    public static final ModuleMain RUN_HQL = new ModuleMain("hql", "io.realtimetrend.load.RunHql");
    /** The Hive metastore as a service. */
    public static final ModuleMain HIVE_METASTORE = new ModuleMain("hql", "io.realtimetrend.load.HiveMetastoreMain");
    /** HiveServer2 as a service. */
    public static final ModuleMain HIVE_SERVER = new ModuleMain("hql", "io.realtimetrend.load.HiveServerMain");
    /** The KRaft broker. */
    public static final ModuleMain KAFKA = new ModuleMain("local-kafka", "io.realtimetrend.localkafka.LocalKafkaMain");
    /** The KakaoTalk sender (dry-run in local mode). */
    public static final ModuleMain MESSAGE_SERVER = new ModuleMain("message-server", "io.realtimetrend.kakao.MessageServerCommand");

    /** Local mode itself on the module that holds the yarn engine (the mini cluster): {@code local --engine yarn}. */
    public static final ModuleMain OOZIE_YARN = new ModuleMain("oozie-yarn", "io.realtimetrend.local.LocalPipeline");

    public ModuleMain {
        Objects.requireNonNull(module, "module is null");
        Objects.requireNonNull(main, "main is null");
    }

    /** This module with the main class {@code main} (a java or spark action's class). */
    public ModuleMain withMain(String main) {
        return new ModuleMain(module, main);
    }
}

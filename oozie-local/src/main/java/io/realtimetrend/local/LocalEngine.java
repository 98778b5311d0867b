package io.realtimetrend.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code --engine local}: {@link LocalOozieEngine} with executors of ours registered for the java, hive2 and spark
 * actions (Oozie's own need YARN), which run each action's real main class in a child JVM with its module's
 * classpath; Hadoop is the local filesystem and the app is read where the build packaged it.
 */
public final class LocalEngine implements OozieEngine.Starter {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public OozieEngine start(Path work, ModuleJvm jvm, OozieRestServer http) throws Exception {
        Objects.requireNonNull(work, "work is null");
        Objects.requireNonNull(jvm, "jvm is null");
        long started = System.nanoTime();
        LocalOozieEngine oozie = LocalOozieEngine.start(work.resolve("oozie"), Map.of(
                "oozie.service.ActionService.executor.ext.classes", LocalJavaActionExecutor.class.getName() + ","
                        + LocalHive2ActionExecutor.class.getName() + "," + LocalSparkActionExecutor.class.getName()),
                LocalOozieEngine.LOCAL_FILESYSTEM, http, List.of());
        // no cluster: the local filesystem, a placeholder ResourceManager (the local executors never call it)
        OozieEngine.Hadoop hadoop = new OozieEngine.Hadoop("file:///", "localhost:8032",
                jvm.appDirectory().toUri().toString(), Optional.of(jvm.hiveMetastoreClientJars()));
        return new OozieEngine(oozie, hadoop, String.format("engine local: Oozie 5.2.1, each action in a child JVM "
                + "(up in %.1f s), serving %s", (System.nanoTime() - started) / 1e9, oozie.url()), () -> { },
                ClusterUsage.NONE);
    }
}

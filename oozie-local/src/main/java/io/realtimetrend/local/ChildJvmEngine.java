package io.realtimetrend.local;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code --engine local}: {@link OozieServer} with executors of ours registered for the java, hive2 and spark
 * actions (Oozie's own need YARN), which run each action's real main class in a child JVM with its module's
 * classpath; Hadoop is the local filesystem and the app is read where the build packaged it.
 */
public final class ChildJvmEngine implements Engine {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public RunningEngine start(LocalRun run, OozieRestServer http) throws Exception {
        Objects.requireNonNull(run, "run is null");
        ModuleJvm jvm = run.jvm();
        long started = System.nanoTime();
        ChildJvmActionExecutor.serve(run);
        OozieServer oozie = OozieServer.start(run.files().oozieHome(), Map.of(
                "oozie.service.ActionService.executor.ext.classes", LocalJavaActionExecutor.class.getName() + ","
                        + LocalHive2ActionExecutor.class.getName() + "," + LocalSparkActionExecutor.class.getName()),
                OozieServer.LOCAL_FILESYSTEM, http, List.of());
        // no cluster: the local filesystem, a placeholder ResourceManager (the local executors never call it)
        RunningEngine.Hadoop hadoop = new RunningEngine.Hadoop("file:///", "localhost:8032",
                jvm.appDirectory().toUri().toString(), jvm.hiveMetastoreClientJars());
        return new RunningEngine(oozie, hadoop, String.format("engine local: Oozie 5.2.1, each action in a child JVM "
                + "(up in %.1f s), serving %s", (System.nanoTime() - started) / 1e9, oozie.url()), () -> { },
                ClusterUsage.NONE);
    }
}

package io.realtimetrend.local;

/**
 * One kind of engine {@code local --engine} names: {@code local} ({@link ChildJvmEngine}: Oozie's services with
 * child-JVM executors on the local filesystem) or {@code yarn} (module {@code oozie-yarn}: the stock executors and
 * their launchers on a mini Hadoop cluster). Engines are found by {@link java.util.ServiceLoader}, listed in
 * {@code META-INF/services/io.realtimetrend.local.Engine}, so this module never needs the mini cluster's jars.
 */
public interface Engine {

    /** The {@code --engine} value that selects it. */
    String name();

    /**
     * Starts the engine for {@code run} (its files under the run's work directory, the packaged app of the run's
     * build), its Oozie serving on {@code http} (bound by the caller; the engine owns it from here: closed with it,
     * or when the start fails).
     */
    RunningEngine start(LocalRun run, OozieRestServer http) throws Exception;
}

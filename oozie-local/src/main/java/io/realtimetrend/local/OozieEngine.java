package io.realtimetrend.local;

import java.nio.file.Path;
import java.util.Objects;
import org.apache.oozie.client.OozieClient;

/**
 * The Oozie server a local run submits its coordinator to, with the Hadoop its actions run on: {@code local} (Oozie's
 * services with child-JVM executors on the local filesystem, {@link LocalEngine}) or {@code yarn} (the stock
 * executors and their launchers on a mini Hadoop cluster, module {@code oozie-yarn}). Engines are found by
 * {@link java.util.ServiceLoader} as {@link Starter}s, so this module never needs the mini cluster's jars.
 */
public interface OozieEngine extends AutoCloseable {

    /** The client for workflow jobs (their status, actions, capture-output). */
    OozieClient workflows();

    /** The client for coordinator jobs (submitting the run, its materialized actions). */
    OozieClient coordinators();

    /** Where this engine's jobs find Hadoop and the packaged app. */
    Hadoop hadoop();

    /** One line on what was started and how long it took. */
    String summary();

    /**
     * The job.properties values that point a job at an engine's Hadoop and at the app.
     *
     * @param nameNode   {@code nameNode}: the default filesystem
     * @param jobTracker {@code jobTracker}: the ResourceManager's address
     * @param appPath    {@code appPath}: the app directory as the engine's Oozie reads it
     */
    record Hadoop(String nameNode, String jobTracker, String appPath) {

        public Hadoop {
            Objects.requireNonNull(nameNode, "nameNode is null");
            Objects.requireNonNull(jobTracker, "jobTracker is null");
            Objects.requireNonNull(appPath, "appPath is null");
        }

        /** The app's {@code coordinator.xml}. */
        public String coordinatorPath() {
            return appPath.replaceAll("/+$", "") + "/coordinator.xml";
        }
    }

    /** Starts one kind of engine; listed in {@code META-INF/services/io.realtimetrend.local.OozieEngine$Starter}. */
    interface Starter {

        /** The {@code --engine} value that selects it. */
        String name();

        /**
         * Starts the engine with its files under {@code work} (the run's work directory) for the packaged app of
         * {@code jvm}'s build.
         */
        OozieEngine start(Path work, ModuleJvm jvm) throws Exception;
    }
}

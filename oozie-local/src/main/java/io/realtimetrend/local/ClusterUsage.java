package io.realtimetrend.local;

import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.oozie.client.WorkflowJob;

/**
 * What one workflow held of the cluster its actions ran on, as the ResourceManager accounts it: every YARN
 * application of the workflow (each action's launcher and the applications it started, such as Spark's driver or
 * executors) with their memory and vcores held over time. The local engine runs no YARN application: {@link #NONE}.
 */
@FunctionalInterface
public interface ClusterUsage {

    /** An action's external id when its launcher ran as a YARN application (the local executors give "-"). */
    Pattern YARN_APPLICATION = Pattern.compile("application_\\d+_\\d+");

    /** For an engine without YARN: nothing to account. */
    ClusterUsage NONE = workflow -> Optional.empty();

    /** The usage of the applications of the ended {@code workflow}'s last run; empty when it ran none on YARN. */
    Optional<Usage> of(WorkflowJob workflow) throws Exception;

    /**
     * The summed usage of a workflow's applications.
     *
     * @param applications    how many YARN applications: the launchers and their children
     * @param memoryMbSeconds memory allocated times seconds held, in MB·s (the ResourceManager's "MB-seconds")
     * @param vcoreSeconds    vcores allocated times seconds held
     */
    record Usage(int applications, long memoryMbSeconds, long vcoreSeconds) {

        public Usage {
            if (applications < 1 || memoryMbSeconds < 0 || vcoreSeconds < 0) {
                throw new IllegalArgumentException("not a usage: " + applications + " applications, "
                        + memoryMbSeconds + " MB-seconds, " + vcoreSeconds + " vcore-seconds");
            }
        }

        /** As a progress line says it: {@code 5 applications, 212480 MB-seconds, 104 vcore-seconds}. */
        public String text() {
            return String.format("%d applications, %d MB-seconds, %d vcore-seconds", applications, memoryMbSeconds,
                    vcoreSeconds);
        }
    }
}

package io.realtimetrend.local;

import java.util.Objects;

/**
 * What an engine, its action executors and the services need of the local run they serve: where its files go, how a
 * module's JVM starts, how long an action may run, and the run's child processes.
 *
 * @param files    the run's files
 * @param jvm      the build's modules, as child JVMs start them
 * @param bounds   the action's deadline
 * @param children the run's actions and services, ended with their trees
 */
public record LocalRun(RunFiles files, ModuleJvm jvm, ActionBounds bounds, ChildProcesses children) {

    public LocalRun {
        Objects.requireNonNull(files, "files is null");
        Objects.requireNonNull(jvm, "jvm is null");
        Objects.requireNonNull(bounds, "bounds is null");
        Objects.requireNonNull(children, "children is null");
    }
}

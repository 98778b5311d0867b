package io.realtimetrend.local;

import java.util.Objects;

/**
 * What an engine and its action executors need of the local run they serve: where its files go, how a module's JVM
 * starts, and how long an action may run.
 *
 * @param files  the run's files
 * @param jvm    the build's modules, as child JVMs start them
 * @param bounds the action's deadline
 */
public record LocalRun(RunFiles files, ModuleJvm jvm, ActionBounds bounds) {

    public LocalRun {
        Objects.requireNonNull(files, "files is null");
        Objects.requireNonNull(jvm, "jvm is null");
        Objects.requireNonNull(bounds, "bounds is null");
    }
}

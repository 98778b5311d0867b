package io.realtimetrend.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The files of one local run, named in this one place. Under the work directory ({@code <data root>/.local/local-run}):
 * what outlives a run (Oozie's home, Hive's metastore and warehouse, with {@code --live} Kafka's log and the message
 * server's state, the submitted job.properties). Under {@code logs-<millis>/}, this run's: each child JVM's stdout
 * ({@code <name>.out}), stderr ({@code <name>.err}) and log4j file ({@code <name>.log}), an action's capture-output,
 * each ended workflow's record, and what Oozie's libraries print on this JVM's stderr.
 *
 * @param work the run's work directory
 * @param logs this run's log directory
 */
public record RunFiles(Path work, Path logs) {

    public RunFiles {
        Objects.requireNonNull(work, "work is null");
        Objects.requireNonNull(logs, "logs is null");
    }

    /** A run's files under {@code work}, with a log directory of its own, created now. */
    static RunFiles create(Path work) throws IOException {
        return new RunFiles(work, Files.createDirectories(work.resolve("logs-" + System.currentTimeMillis())));
    }

    /** The prefix of child {@code name}'s files: {@link #out} and {@link #err} of it, and {@code <name>.log}. */
    Path child(String name) {
        return logs.resolve(name);
    }

    /** The log4j file of child {@code name} ({@code -Drealtime.trend.log}). */
    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    /** The stdout of the child whose files start with {@code prefix}. */
    static Path out(Path prefix) {
        return Path.of(prefix + ".out");
    }

    /** The stderr of the child whose files start with {@code prefix}. */
    static Path err(Path prefix) {
        return Path.of(prefix + ".err");
    }

    /** The child of action {@code action} of workflow {@code workflowId}: {@code <workflow id>-<action>}. */
    static String actionChild(String workflowId, String action) {
        return workflowId + "-" + action;
    }

    /** Whether {@code file} is the stdout of an action named {@code action} (of any workflow). */
    static boolean isActionOut(Path file, String action) {
        return file.getFileName().toString().endsWith("-" + action + ".out");
    }

    /** The capture-output properties ({@code oozie.action.output.properties}) of the action child {@code name}. */
    Path actionOutput(String name) {
        return logs.resolve(name + ".output.properties");
    }

    /** Where each ended workflow's actions are recorded as Oozie held them ({@code <workflow id>.txt}). */
    Path workflowRecords() {
        return logs;
    }

    /** What Oozie, OpenJPA and SLF4J print on this JVM's stderr (the console keeps the run's own lines). */
    Path libraryStderr() {
        return logs.resolve("oozie-local.err");
    }

    /** The job.properties the run submitted, for the oozie CLI's {@code -config}. */
    Path submittedJobProperties() {
        return work.resolve("job.properties");
    }

    /** Oozie's home: its configuration and log. */
    public Path oozieHome() {
        return work.resolve("oozie");
    }

    /** The Hive metastore's database and the warehouse's home. */
    Path hiveHome() {
        return work.resolve("hive");
    }
}

package io.realtimetrend.local;

import io.realtimetrend.contract.TimeFormats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.oozie.client.CoordinatorAction;
import org.apache.oozie.client.CoordinatorJob;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;

/**
 * Watches a coordinator's runs and prints each action's status and duration as it changes (and the YARN application
 * of an action that ran on YARN); each ended workflow is also written down ({@link WorkflowRecord}).
 */
public final class CoordinatorWatch {

    /** How many of the newest workflows {@link #pollAll} looks at. */
    private static final int NEWEST = 50;

    private final OozieServer oozie;
    private final PrintStream out;
    private final ZoneId zone;
    private final Path records;
    private final ClusterUsage usage;
    private final ChildProcesses children;
    private final Map<String, String> printed = new LinkedHashMap<>();
    private final List<Long> cycles = new ArrayList<>();
    /** Each workflow's last run that ended, and the runs that started none (skipped, timed out), by id. */
    private final Map<String, Integer> endedRun = new java.util.HashMap<>();
    private final java.util.Set<String> notRun = new java.util.HashSet<>();
    private final java.util.Set<String> running = new java.util.HashSet<>();
    private Optional<WorkflowJob> lastSucceeded = Optional.empty();
    private CoordinatorJob.Status status = CoordinatorJob.Status.PREP;

    CoordinatorWatch(OozieServer oozie, PrintStream out, ZoneId zone, Path records, ClusterUsage usage,
                     ChildProcesses children) {
        this.oozie = oozie;
        this.out = out;
        this.zone = zone;
        this.records = records;
        this.usage = usage;
        this.children = children;
    }

    /** The capture-output ({@code wf:actionData}) of {@code action} in the last workflow that succeeded, if any. */
    Optional<String> lastSucceededData(String action) {
        return lastSucceeded.flatMap(wf -> wf.getActions().stream().filter(a -> a.getName().equals(action)).findFirst())
                .map(WorkflowAction::getData).filter(data -> !data.isBlank());
    }

    List<Long> cycleMillis() {
        return cycles;
    }

    /** The coordinator's status as of the last poll. */
    CoordinatorJob.Status coordinatorStatus() {
        return status;
    }

    /** Whether a workflow of the coordinator had not ended as of the last poll. */
    boolean workflowRunning() {
        return !running.isEmpty();
    }

    /** Whether the coordinator has no run left (its end passed, or it was killed), as of the last poll. */
    boolean coordinatorEnded() {
        return switch (status) {
            case SUCCEEDED, DONEWITHERROR, KILLED, FAILED, IGNORED -> true;
            default -> false;
        };
    }

    /** A workflow that ended: its run's nominal time, status and, when it failed, its kill message. */
    record Ended(Instant nominalTime, WorkflowJob.Status status, Optional<String> failure) {
    }

    /**
     * Polls until {@code expected} workflows ended; returns the kill messages of those that failed. Past
     * {@code deadline} (the run's, the same one its actions are bound by) the run ends with one timeout error.
     */
    List<String> watch(String coordId, int expected, Instant deadline, Duration timeout) throws Exception {
        List<String> failures = new ArrayList<>();
        int ended = 0;
        while (ended < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw timedOut(timeout);
            }
            for (Ended run : poll(coordId)) {
                ended++;
                run.failure().ifPresent(failures::add);
            }
            Thread.sleep(1000);
        }
        if (Instant.now().isAfter(deadline)) {
            // the actions running at the deadline were stopped, and the later ones failed fast: say why, once
            throw timedOut(timeout);
        }
        return failures;
    }

    /** Prints what changed since the last poll: each action's new status, each workflow's end; returns the ends. */
    List<Ended> poll(String coordId) throws Exception {
        List<Ended> now = new ArrayList<>();
        // the newest runs first: a live coordinator holds more runs than one page of Oozie's answer
        CoordinatorJob coord = oozie.coordinators().getCoordJobInfo(coordId, null, 1, 200, "desc");
        status = coord.getStatus();
        List<CoordinatorAction> actions = new ArrayList<>(coord.getActions());
        actions.sort(java.util.Comparator.comparing(CoordinatorAction::getNominalTime));
        for (CoordinatorAction action : actions) {
            String wfId = action.getExternalId();
            if (wfId == null || wfId.isBlank()) {
                reportNotRun(action);
                continue;
            }
            if (endedRun.containsKey(wfId)) {
                continue;
            }
            report(oozie.workflows().getJobInfo(wfId), action.getNominalTime().toInstant()).ifPresent(now::add);
        }
        return now;
    }

    /**
     * As {@link #poll}, for every workflow Oozie runs, whichever coordinator (or user) started it: the newest
     * {@value #NEWEST} by creation, a workflow rerun ({@code oozie job -rerun <wf-id>}) included.
     */
    List<Ended> pollAll() throws Exception {
        List<Ended> now = new ArrayList<>();
        List<WorkflowJob> jobs = new ArrayList<>(oozie.workflows().getJobsInfo("", 1, NEWEST));
        jobs.sort(java.util.Comparator.comparing(WorkflowJob::getCreatedTime));
        for (WorkflowJob listed : jobs) {
            if (Integer.valueOf(listed.getRun()).equals(endedRun.get(listed.getId()))) {
                continue;
            }
            WorkflowJob wf = oozie.workflows().getJobInfo(listed.getId());
            report(wf, nominalTime(wf)).ifPresent(now::add);
        }
        return now;
    }

    /** The run's nominal time, which the coordinator gives its workflow as {@code nominalTime}. */
    private static Instant nominalTime(WorkflowJob wf) throws IOException {
        String nominal = new org.apache.oozie.util.XConfiguration(new java.io.StringReader(wf.getConf())).get("nominalTime");
        return nominal == null ? wf.getCreatedTime().toInstant() : TimeFormats.parseInstant(nominal);
    }

    /** Prints what changed in run {@code wf} of {@code nominal} since the last look; its end if it just ended. */
    private Optional<Ended> report(WorkflowJob wf, Instant nominal) throws IOException {
        String run = wf.getId() + "#" + wf.getRun();
        String slot = slot(nominal);
        for (WorkflowAction step : wf.getActions()) {
            report(run, slot, step);
        }
        if (wf.getStatus() == WorkflowJob.Status.RUNNING || wf.getStatus() == WorkflowJob.Status.PREP
                || wf.getStatus() == WorkflowJob.Status.SUSPENDED) {
            running.add(wf.getId());
            return Optional.empty();
        }
        running.remove(wf.getId());
        endedRun.put(wf.getId(), wf.getRun());
        if (wf.getStatus() == WorkflowJob.Status.SUCCEEDED) {
            lastSucceeded = Optional.of(wf);
        }
        long millis = wf.getEndTime() == null ? 0 : wf.getEndTime().getTime() - wf.getStartTime().getTime();
        cycles.add(millis);
        String line = String.format("[%s] workflow %s %s (%.1f s)", slot, wf.getId(), wf.getStatus(), millis / 1000.0);
        Optional<String> failure = Optional.empty();
        if (wf.getStatus() != WorkflowJob.Status.SUCCEEDED) {
            failure = Optional.of(WorkflowRecord.killMessage(wf).orElse(wf.getStatus().toString()));
            line += ": " + failure.get();
        }
        out.println(line);
        reportUsage(wf, slot);
        WorkflowRecord.write(records, wf, nominal);
        return Optional.of(new Ended(nominal, wf.getStatus(), failure));
    }

    /**
     * The YARN applications the ended workflow held, summed ({@link ClusterUsage}): a line after its end, when its
     * actions ran on YARN. An accounting that fails is said in that line; the run goes on.
     */
    private void reportUsage(WorkflowJob wf, String slot) {
        String text;
        try {
            text = usage.of(wf).map(ClusterUsage.Usage::text).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            text = "not accounted (" + e + ")";
        }
        if (text != null) {
            out.printf("[%s] workflow %s on YARN: %s%n", slot, wf.getId(), text);
        }
    }

    /** A run that never started a workflow: skipped by LAST_ONLY for a newer one, or timed out waiting. */
    private void reportNotRun(CoordinatorAction action) {
        CoordinatorAction.Status status = action.getStatus();
        if ((status == CoordinatorAction.Status.SKIPPED || status == CoordinatorAction.Status.TIMEDOUT)
                && notRun.add(action.getId())) {
            String slot = slot(action.getNominalTime().toInstant());
            out.printf("[%s] run %s: %s%n", slot, status, status == CoordinatorAction.Status.SKIPPED
                    ? "a newer run was due (LAST_ONLY)" : "it waited longer than coordTimeout for the run before");
        }
    }

    /** A run's nominal time as printed: {@code yyyy-MM-dd HH:mm} in the pipeline's zone. */
    private String slot(Instant nominal) {
        return TimeFormats.text(nominal.atZone(zone)).substring(0, 16);
    }

    private IllegalStateException timedOut(Duration timeout) throws InterruptedException {
        children.killAll();
        return new IllegalStateException("the runs did not end within --timeout " + timeout
                + "; the running action was stopped");
    }

    private void report(String run, String slot, WorkflowAction step) {
        if (step.getName().startsWith(":") || step.getType().startsWith(":")) {
            return;
        }
        String state = step.getStatus().toString();
        if (step.getStatus() == WorkflowAction.Status.PREP) {
            return;
        }
        String key = run + "/" + step.getName();
        if (state.equals(printed.get(key))) {
            return;
        }
        printed.put(key, state);
        out.printf("[%s] %-8s %s%s%s%n", slot, step.getName(), state, WorkflowRecord.took(step), yarnApplication(step));
    }

    private static String yarnApplication(WorkflowAction step) {
        String id = step.getExternalId();
        return id != null && ClusterUsage.YARN_APPLICATION.matcher(id).matches() ? " " + id : "";
    }
}

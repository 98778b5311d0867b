package io.realtimetrend.local;

import io.realtimetrend.contract.TimeFormats;
import java.io.PrintStream;
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

/** Watches a coordinator's runs and prints each action's status and duration as it changes. */
public final class CoordinatorWatch {

    private final LocalOozieEngine oozie;
    private final PrintStream out;
    private final ZoneId zone;
    private final Map<String, String> printed = new LinkedHashMap<>();
    private final List<Long> cycles = new ArrayList<>();

    CoordinatorWatch(LocalOozieEngine oozie, PrintStream out, ZoneId zone) {
        this.oozie = oozie;
        this.out = out;
        this.zone = zone;
    }

    List<Long> cycleMillis() {
        return cycles;
    }

    /**
     * Polls until {@code expected} workflows ended; returns the kill messages of those that failed. Past
     * {@code deadline} (the run's, the same one its actions are bound by) the run ends with one timeout error.
     */
    List<String> watch(String coordId, int expected, Instant deadline, Duration timeout) throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, Boolean> ended = new LinkedHashMap<>();
        while (ended.size() < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw timedOut(timeout);
            }
            CoordinatorJob coord = oozie.coordinators().getCoordJobInfo(coordId);
            for (CoordinatorAction action : coord.getActions()) {
                String wfId = action.getExternalId();
                if (wfId == null || wfId.isBlank() || ended.containsKey(wfId)) {
                    continue;
                }
                WorkflowJob wf = oozie.workflows().getJobInfo(wfId);
                String slot = TimeFormats.text(action.getNominalTime().toInstant().atZone(zone)).substring(0, 16);
                for (WorkflowAction step : wf.getActions()) {
                    report(slot, step);
                }
                if (wf.getStatus() != WorkflowJob.Status.RUNNING && wf.getStatus() != WorkflowJob.Status.PREP) {
                    ended.put(wfId, true);
                    long millis = wf.getEndTime() == null ? 0 : wf.getEndTime().getTime() - wf.getStartTime().getTime();
                    cycles.add(millis);
                    String line = String.format("[%s] workflow %s %s (%.1f s)", slot, wfId, wf.getStatus(), millis / 1000.0);
                    if (wf.getStatus() != WorkflowJob.Status.SUCCEEDED) {
                        String message = killMessage(wf).orElse(wf.getStatus().toString());
                        failures.add(message);
                        line += ": " + message;
                    }
                    out.println(line);
                }
            }
            Thread.sleep(1000);
        }
        if (Instant.now().isAfter(deadline)) {
            // the actions running at the deadline were stopped, and the later ones failed fast: say why, once
            throw timedOut(timeout);
        }
        return failures;
    }

    private static IllegalStateException timedOut(Duration timeout) throws InterruptedException {
        ChildProcess.killAll();
        return new IllegalStateException("the runs did not end within --timeout " + timeout
                + "; the running action was stopped");
    }

    private void report(String slot, WorkflowAction step) {
        if (step.getName().startsWith(":") || step.getType().startsWith(":")) {
            return;
        }
        String state = step.getStatus().toString();
        if (step.getStatus() == WorkflowAction.Status.PREP) {
            return;
        }
        String key = slot + "/" + step.getName();
        if (state.equals(printed.get(key))) {
            return;
        }
        printed.put(key, state);
        String took = step.getEndTime() != null && step.getStartTime() != null
                ? String.format(" (%.1f s)", (step.getEndTime().getTime() - step.getStartTime().getTime()) / 1000.0) : "";
        out.printf("[%s] %-8s %s%s%n", slot, step.getName(), state, took);
    }

    private static Optional<String> killMessage(WorkflowJob wf) {
        return wf.getActions().stream().filter(a -> a.getErrorMessage() != null && !a.getErrorMessage().isBlank())
                .reduce((a, b) -> b).map(WorkflowAction::getErrorMessage);
    }
}

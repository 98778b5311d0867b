package io.realtimetrend.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;

/**
 * An ended workflow written down as Oozie held it, to {@code <records>/<workflow id>.txt} ({@code -run<N>} for a
 * rerun): Oozie's database lives in memory, so this is what stays of each run's actions (status, external id,
 * duration, error, and the capture-output, {@code wf:actionData}, of those that have one).
 */
final class WorkflowRecord {

    private WorkflowRecord() {
    }

    /** Writes {@code wf}, the run of {@code nominal}, under {@code records}. */
    static void write(Path records, WorkflowJob wf, Instant nominal) throws IOException {
        StringBuilder text = new StringBuilder(String.format("workflow %s %s, nominal time %s%n", wf.getId(),
                wf.getStatus(), LocalJobProperties.OOZIE_TIME.format(nominal)));
        for (WorkflowAction step : wf.getActions()) {
            if (step.getName().startsWith(":")) {
                continue;
            }
            text.append(String.format("action %s: %s, external id %s%s%n", step.getName(), step.getStatus(),
                    step.getExternalId(), took(step)));
            if (step.getErrorMessage() != null && !step.getErrorMessage().isBlank()) {
                text.append(String.format("  error %s: %s%n", step.getErrorCode(), step.getErrorMessage()));
            }
            if (step.getData() != null && !step.getData().isBlank()) {
                text.append(String.format("wf:actionData('%s'):%n", step.getName()));
                step.getData().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .forEach(line -> text.append("  ").append(line).append(System.lineSeparator()));
            }
        }
        String name = wf.getRun() == 0 ? wf.getId() : wf.getId() + "-run" + wf.getRun();
        Files.writeString(Files.createDirectories(records).resolve(name + ".txt"), text, StandardCharsets.UTF_8);
    }

    /** An action's duration as printed, {@code " (12.3 s)"}; empty while it has not ended. */
    static String took(WorkflowAction step) {
        return step.getEndTime() != null && step.getStartTime() != null
                ? String.format(" (%.1f s)", (step.getEndTime().getTime() - step.getStartTime().getTime()) / 1000.0) : "";
    }

    /** The error message of the workflow's last action that has one: why it was killed. */
    static Optional<String> killMessage(WorkflowJob wf) {
        return wf.getActions().stream().filter(a -> a.getErrorMessage() != null && !a.getErrorMessage().isBlank())
                .reduce((a, b) -> b).map(WorkflowAction::getErrorMessage);
    }
}

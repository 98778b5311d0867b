package io.realtimetrend.local;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TimeFormats;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.oozie.client.CoordinatorJob;
import org.apache.oozie.client.Job;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.WorkflowJob;
import sun.misc.Signal;

/**
 * {@code local --live}: follows the bundle's coordinator the wall clock drives, until Ctrl-C/SIGTERM, its last run
 * ({@code --to}) or the bundle's kill ({@code oozie job -kill}); and {@code local --serve} after its range. One line
 * per action as it ends, the hour's trend table when a window is written, what the message server did, the next run's
 * time while waiting, the coordinator's suspend and resume; a failed workflow is one line and the coordinator goes on.
 */
final class LiveRun {

    /** How long the end at {@code --to} waits for the message server to handle the last window's message. */
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);

    /** How long a kill of the bundle waits for the workflow it kills to end. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(15);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final PrintStream out;
    private final DataLayout layout;
    private final ZoneId zone;
    private final Optional<Retention> retention;
    private final DeliveryWatch delivery;
    private final ChildProcesses children;
    private volatile String signal = "";

    LiveRun(PrintStream out, DataLayout layout, ZoneId zone, Optional<Retention> retention, ChildProcesses children) {
        this.out = Objects.requireNonNull(out, "out is null");
        this.layout = Objects.requireNonNull(layout, "layout is null");
        this.zone = Objects.requireNonNull(zone, "zone is null");
        this.retention = Objects.requireNonNull(retention, "retention is null");
        this.delivery = new DeliveryWatch(out);
        this.children = Objects.requireNonNull(children, "children is null");
    }

    /** From now on SIGTERM and Ctrl-C end {@link #follow} (and so the command, with exit 0), not the JVM. */
    LiveRun stopOnSignals() {
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), s -> {
                signal = "SIG" + s.getName();
                stop.countDown();
            });
        }
        return this;
    }

    /**
     * Follows {@code coordId}, started by bundle {@code bundleId}, until a signal or its end; a running action is
     * stopped with its process tree.
     */
    void follow(String bundleId, String coordId, Schedule schedule, CoordinatorWatch watch, LocalServices services,
            OozieClient oozie) throws Exception {
        String lastWindow = "";
        CoordinatorJob.Status shown = CoordinatorJob.Status.RUNNING;
        UnhandledMessages unhandled = new UnhandledMessages();
        Instant announced = Instant.EPOCH;
        applyRetention();
        while (!stop.await(1, TimeUnit.SECONDS)) {
            for (CoordinatorWatch.Ended run : watch.poll(coordId)) {
                Slot slot = Slot.of(run.nominalTime(), zone);
                if (run.status() == WorkflowJob.Status.SUCCEEDED) {
                    unhandled.published(TimeFormats.iso(slot.start()));
                    if (!slot.fileStem().equals(lastWindow)) {
                        lastWindow = slot.fileStem();
                        RunResults.printTrends(out, layout, slot);
                    }
                }
                delivery.stopped().ifPresent(why -> out.println("message-server: DELIVERY STOPPED (" + why
                        + "): the message of " + slot.text() + " waits in Kafka"));
                applyRetention();
            }
            printMessageServer(services, unhandled);
            if (watch.coordinatorEnded()) {
                if (watch.coordinatorStatus() == CoordinatorJob.Status.KILLED) {
                    // the kill reaches a running workflow a moment later: its end is shown before the run ends
                    Instant until = Instant.now().plus(KILL_WAIT);
                    while (watch.workflowRunning() && Instant.now().isBefore(until) && !stop.await(1, TimeUnit.SECONDS)) {
                        watch.poll(coordId);
                    }
                    String killed = oozie.getBundleJobInfo(bundleId).getStatus() == Job.Status.KILLED
                            ? "bundle " + bundleId : "coordinator " + coordId;
                    out.println(killed + " was killed (oozie job -kill): the live run ends");
                    return;
                }
                awaitDelivery(services, unhandled);
                out.println("coordinator " + coordId + " ended: its last run (--to) is done");
                return;
            }
            CoordinatorJob.Status status = watch.coordinatorStatus();
            if (suspended(status) != suspended(shown)) {
                out.println("coordinator " + coordId + " " + status + (suspended(status)
                        ? ": no run starts until the bundle is resumed (oozie job -resume " + bundleId + ")" : " again"));
                shown = status;
                announced = Instant.EPOCH;
            }
            Instant next = Schedule.nextRun(Instant.now(), schedule.frequencyMinutes());
            if (!suspended(status) && !next.equals(announced) && !next.isAfter(schedule.last())) {
                announced = next;
                out.printf("next run %s (%s), slot %s%n", TimeFormats.text(next.atZone(zone)).substring(0, 16),
                        LocalJobProperties.OOZIE_TIME.format(next), Slot.of(next, zone).fileStem());
            }
        }
        stopRunningAction();
    }

    /**
     * {@code local --serve}, once the range's runs are done: Oozie and the services stay up for the stock CLI until
     * Ctrl-C/SIGTERM, and every workflow Oozie runs (a rerun, a backfill's coordinator) is followed as the range's were,
     * with what the message server did.
     */
    void serve(CoordinatorWatch watch, LocalServices services) throws Exception {
        UnhandledMessages unhandled = new UnhandledMessages();
        while (!stop.await(1, TimeUnit.SECONDS)) {
            watch.pollAll();
            printMessageServer(services, unhandled);
        }
        stopRunningAction();
    }

    private void stopRunningAction() {
        out.println("stopping on " + signal + ": the running action, Oozie and the services");
        // the running action's tree ends while Oozie and the services stop; the JVM's exit waits for it
        Thread actions = new Thread(() -> {
            try {
                children.killAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-actions");
        actions.start();
    }

    private static boolean suspended(CoordinatorJob.Status status) {
        return switch (status) {
            case SUSPENDED, SUSPENDEDWITHERROR, PREPSUSPENDED -> true;
            default -> false;
        };
    }

    /** Prints the message server's new lines, counting the messages they say it handled; restarts it if it exited. */
    private void printMessageServer(LocalServices services, UnhandledMessages unhandled) throws Exception {
        for (String line : services.newMessageServerLines()) {
            out.println("message-server: " + line);
            unhandled.serverSaid(line);
            delivery.serverSaid(line);
        }
        delivery.check(services, Instant.now());
    }

    /**
     * At {@code --to}, the last window's message is handled before the services stop (bounded: a message the server
     * has not committed is read again at the next start).
     */
    private void awaitDelivery(LocalServices services, UnhandledMessages unhandled) throws Exception {
        Instant end = Instant.now().plus(DELIVERY_WAIT);
        while (unhandled.pending().isPresent() && Instant.now().isBefore(end) && !stop.await(1, TimeUnit.SECONDS)) {
            printMessageServer(services, unhandled);
        }
        unhandled.pending().ifPresent(key -> out.println("message-server: the message of " + key + " not handled within "
                + DELIVERY_WAIT.toSeconds() + " s; it is read again at the next start"));
    }

    private void applyRetention() throws Exception {
        if (retention.isPresent()) {
            int deleted = retention.get().apply(Instant.now());
            if (deleted > 0) {
                out.println("retention " + retention.get().retain() + ": deleted " + deleted + " old files and directories");
            }
        }
    }
}

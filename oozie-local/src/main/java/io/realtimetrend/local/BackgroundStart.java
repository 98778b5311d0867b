package io.realtimetrend.local;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A start that runs on a thread of its own while the caller starts something else (the engine while the services
 * start, HiveServer2 while Kafka does): {@link #await} gives what it started or throws what the start threw, and a
 * caller whose own start failed hands its failure to {@link #closeWhenStarted}, so nothing started is left running.
 *
 * @param <T> what is started; closing it stops it
 */
final class BackgroundStart<T extends AutoCloseable> {

    private final FutureTask<T> task;

    private BackgroundStart(FutureTask<T> task) {
        this.task = task;
    }

    /** Begins {@code start} on a daemon thread named {@code name}. */
    static <T extends AutoCloseable> BackgroundStart<T> begin(String name, Callable<T> start) {
        FutureTask<T> task = new FutureTask<>(Objects.requireNonNull(start, "start is null"));
        Thread thread = new Thread(task, Objects.requireNonNull(name, "name is null"));
        thread.setDaemon(true);
        thread.start();
        return new BackgroundStart<>(task);
    }

    /** Waits for the start: what it started, or the exception it threw. */
    T await() throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * For the caller's own failure: waits for the start to end and closes what it started. The caller's failure stays
     * the one reported; a failed start or close is added to it as suppressed.
     */
    void closeWhenStarted(Exception callerFailure) {
        try {
            task.get().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callerFailure.addSuppressed(e);
        } catch (ExecutionException e) {
            callerFailure.addSuppressed(e.getCause());
        } catch (Exception e) {
            callerFailure.addSuppressed(e);
        }
    }
}

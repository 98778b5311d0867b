package io.realtimetrend.contract;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;

/**
 * Runs a main class in a child JVM that ends when the process that started it ends, even by {@code kill -9}:
 * {@code java … io.realtimetrend.contract.OrphanGuard <main class> <args…>}. Local mode starts every child this way
 * (HiveServer2, Kafka, the message server, each action), so none outlives it under init. When the parent is gone the
 * JVM exits with 143, running its shutdown hooks (a crawl ends its browser, a server closes), and halts if they have
 * not finished within {@link #HOOK_GRACE}.
 */
public final class OrphanGuard {

    /** How long the shutdown hooks of an orphaned JVM may run before it halts. */
    static final Duration HOOK_GRACE = Duration.ofSeconds(20);

    /** The exit code of a JVM whose parent ended (as if it got SIGTERM). */
    static final int ORPHANED = 143;

    private OrphanGuard() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: OrphanGuard <main class> [args…]");
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> exit(parent.pid())));
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exit(long parent) {
        System.err.println("parent process " + parent + " ended: this " + ProcessHandle.current().pid() + " ends too");
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HOOK_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(ORPHANED);
        }, "orphan-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(ORPHANED);
    }
}

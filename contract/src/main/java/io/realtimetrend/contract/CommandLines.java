package io.realtimetrend.contract;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import picocli.CommandLine;

/**
 * Runs a picocli command the way every action's {@code main} must behave: exit 0 on success; on failure a
 * non-zero exit and exactly one clear line on stderr ({@code <command> failed: <reason>}).
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** Parses {@code args} into {@code command}, runs it and returns the exit code. */
    public static int execute(Object command, String... args) {
        return execute(command, new PrintWriter(System.err, true, Charset.defaultCharset()), args);
    }

    /** As {@link #execute(Object, String...)}, with the error line written to {@code err}. */
    public static int execute(Object command, PrintWriter err, String... args) {
        quietJavaUtilLogging();
        CommandLine commandLine = new CommandLine(Objects.requireNonNull(command, "command is null"));
        commandLine.setErr(Objects.requireNonNull(err, "err is null"));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandName() + " failed: " + describe(e));
            cmd.getErr().flush();
            return 1;
        });
        return commandLine.execute(args);
    }

    /** The message of the exception, or of its first cause with one, on one line. */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().lines().findFirst().orElse("").strip();
            }
        }
        return e.getClass().getName();
    }

    /** Selenium and the JDK HTTP client log through java.util.logging; only severe problems reach stderr. */
    private static void quietJavaUtilLogging() {
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.SEVERE);
    }
}

package io.realtimetrend.contract;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
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

    /**
     * The system property Oozie's {@code LauncherAM} sets before it calls an action's main in its YARN container
     * (the action's configuration file). Its presence means "running under an Oozie launcher".
     */
    public static final String OOZIE_ACTION_CONF_XML = "oozie.action.conf.xml";

    private CommandLines() {
    }

    /**
     * Runs {@code command} as a process's {@code main}: {@code System.exit} with its code. Under an Oozie launcher
     * ({@link #OOZIE_ACTION_CONF_XML} set) a failure is thrown as {@link ActionFailedException} carrying the one
     * error line instead: {@code LauncherAM} reports a thrown exception's message as the action's error message
     * (the workflow's {@code wf:errorMessage}), while for {@code System.exit(1)} it reports only
     * {@code Main Class [...], exit code [1]}. Success still exits 0, which the launcher takes as success.
     */
    public static void main(Object command, String... args) {
        System.exit(exitCode(command, underLauncher(), args));
    }

    /** As {@link #main(Object, String...)}, exiting only on failure: a JVM whose success must end by itself. */
    public static void mainExitingOnFailure(Object command, String... args) {
        int code = exitCode(command, underLauncher(), args);
        if (code != 0) {
            System.exit(code);
        }
    }

    private static boolean underLauncher() {
        return System.getProperty(OOZIE_ACTION_CONF_XML) != null;
    }

    /** The exit code of the command; under a launcher a failure is thrown instead of returned. */
    static int exitCode(Object command, boolean underLauncher, String... args) {
        StringWriter captured = new StringWriter();
        PrintWriter stderr = new PrintWriter(System.err, true, Charset.defaultCharset());
        PrintWriter err = underLauncher ? new PrintWriter(new TeeWriter(stderr, captured), true) : stderr;
        int code = execute(command, err, args);
        if (code != 0 && underLauncher) {
            throw new ActionFailedException(firstLine(captured.toString(), code));
        }
        return code;
    }

    /** The failure's one line (a usage error's first line, before picocli's usage text). */
    private static String firstLine(String text, int code) {
        return text.lines().filter(line -> !line.isBlank()).findFirst().map(String::strip).orElse("exit code " + code);
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

    /** A command's failure under an Oozie launcher: its message is the command's one error line. */
    public static final class ActionFailedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ActionFailedException(String line) {
            super(line, null, false, false);
        }
    }

    /** Writes to two writers at once: stderr for the container's log, a buffer for the error line. */
    private static final class TeeWriter extends Writer {

        private final Writer first;
        private final Writer second;

        TeeWriter(Writer first, Writer second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws java.io.IOException {
            first.write(buffer, offset, length);
            second.write(buffer, offset, length);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}

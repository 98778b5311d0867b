package io.realtimetrend.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The stock {@code oozie} command line ({@code org.apache.oozie.cli.OozieCLI}'s main from this classpath's oozie-core,
 * not our code) in a JVM of its own, pointed at a server the way a user points it: {@code OOZIE_URL} in its environment.
 *
 * @param url  the server's URL, as local mode prints it ({@code OOZIE_URL=…})
 * @param home the CLI's home (it keeps nothing there with simple authentication) and where its output is kept
 */
record OozieCli(String url, Path home) {

    OozieCli {
        Objects.requireNonNull(url, "url is null");
        Objects.requireNonNull(home, "home is null");
    }

    /** One run of the CLI: its exit code and output. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code oozie ARGS} and waits for it (bounded: 60 s). */
    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), "org.apache.oozie.cli.OozieCLI"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "oozie-cli", ".out");
        Path err = Files.createTempFile(home, "oozie-cli", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("OOZIE_URL", url);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("oozie " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

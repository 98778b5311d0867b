package io.realtimetrend.cluster;

import io.realtimetrend.contract.LoopbackPort;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.realtimetrend.local.ChildProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A Selenium Grid standalone server (module {@code cluster-it/selenium-grid}) on 127.0.0.1, in a JVM of its own:
 * one node with one Chromium slot, Debian's {@code /usr/bin/chromedriver} as its driver (never Selenium Manager).
 * Its browser runs without Chromium's sandbox, which refuses root: the Grid operator's setting, as a Grid's
 * container image has it, so the crawl's shipped {@code crawlChromiumSandbox=true} is left as it is.
 */
final class SeleniumGrid implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The node's one slot, as the Grid's TOML configuration names it. */
    private static final String CONFIG = """
            [node]
            detect-drivers = false
            selenium-manager = false
            max-sessions = 1

            [[node.driver-configuration]]
            display-name = "Chromium"
            webdriver-executable = "/usr/bin/chromedriver"
            max-sessions = 1
            stereotype = '{"browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": ["--no-sandbox"]}}'
            """;

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    private SeleniumGrid(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the Grid with its work files and log under {@code work}, and waits until its status says ready. */
    static SeleniumGrid start(Path root, Path work) throws Exception {
        Objects.requireNonNull(root, "root is null");
        Files.createDirectories(work);
        Path config = Files.writeString(work.resolve("grid.toml"), CONFIG, StandardCharsets.UTF_8);
        String classpath = Files.readString(root.resolve("cluster-it/selenium-grid/target/classpath.txt")).strip();
        int port = LoopbackPort.free();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, "org.openqa.selenium.grid.Main", "standalone", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("grid.log").toFile()).start();
        SeleniumGrid grid = new SeleniumGrid(process, port);
        try {
            grid.awaitReady();
        } catch (Exception | Error e) {
            grid.close();
            throw e;
        }
        return grid;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                if (status().path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Selenium Grid not ready on port " + port + " within " + START_TIMEOUT
                        + " (" + (process.isAlive() ? "running" : "exit " + process.exitValue()) + ")");
            }
            Thread.sleep(250);
        }
    }

    /** The address a WebDriver client is given, as {@code seleniumUrl} in job.properties names a Grid. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/wd/hub");
    }

    /** The Grid's {@code /status} document ({@code value}). */
    JsonNode status() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("value");
    }

    /** The sessions its slots hold now, by the status endpoint: 0 when every browser it started was quit. */
    int openSessions() throws IOException, InterruptedException {
        int open = 0;
        for (JsonNode node : status().path("nodes")) {
            for (JsonNode slot : node.path("slots")) {
                open += slot.path("session").isNull() || slot.path("session").isMissingNode() ? 0 : 1;
            }
        }
        return open;
    }

    /** The new-session requests queued and not yet given a slot. */
    int queuedRequests() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/se/grid/newsessionqueue/queue"))
                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("value").size();
    }

    /** Freezes the server (SIGSTOP): the kernel still accepts connections on its port, nothing answers them. */
    void suspend() throws Exception {
        signal("STOP");
    }

    /** Lets a suspended server run on (SIGCONT). */
    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Stops the Grid and whatever browser it left (its descendants). */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            resume(); // a stopped process does not act on SIGTERM until it runs again
        }
        ChildProcesses.endTrees(List.of(process.toHandle()));
    }

}

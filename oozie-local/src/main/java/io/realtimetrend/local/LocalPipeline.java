package io.realtimetrend.local;

import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TimeFormats;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.oozie.client.CoordinatorAction;
import org.apache.oozie.client.CoordinatorJob;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/realtime-trend local}: the real Oozie engine runs the packaged coordinator and workflow for a range
 * of nominal times on this machine. Services start once, as a cluster has them running: HiveServer2 and a Kafka
 * broker in JVMs of their own, the message server in dry-run mode, and (with {@code --demo}) recorded pages of
 * signal.bz on 127.0.0.1. Each action runs in a child JVM with its module's classpath.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Runs the Oozie coordinator and workflow for a range of nominal times on this machine.")
public final class LocalPipeline implements Callable<Integer> {

    private static final DateTimeFormatter OOZIE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--demo", description = "Serve bundled recorded pages of signal.bz on 127.0.0.1 (offline).")
    boolean demo;

    @Option(names = "--demo-break-slot", defaultValue = "0", description = "With --demo: the slot (1-6) whose page changes its layout.")
    int demoBreakSlot;

    @Option(names = "--url", defaultValue = "https://signal.bz/", description = "Page to crawl without --demo (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--from", description = "First nominal time (ISO-8601); default: the first slot of the last full hour.")
    String from;

    @Option(names = "--to", description = "Last nominal time (ISO-8601); default: the end of the last full hour.")
    String to;

    @Option(names = "--data-root", defaultValue = "./local-data", description = "Data root (default: ${DEFAULT-VALUE}).")
    String dataRoot;

    @Option(names = "--bootstrap-servers", description = "Kafka to publish to; default: a broker started on 127.0.0.1.")
    String bootstrapServers;

    @Option(names = "--timezone", defaultValue = "Asia/Seoul", description = "Zone of stored times (default: ${DEFAULT-VALUE}).")
    ZoneId timezone;

    @Option(names = {"-P", "--property"}, description = "A job.properties value for this run, KEY=VALUE (repeatable; applied last, e.g. crawlMaxLag=PT20M).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--timeout", defaultValue = "PT30M", description = "Bound on the whole run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new LocalPipeline(), args));
    }

    @Override
    public Integer call() throws Exception {
        Instant last = to != null ? TimeFormats.parseInstant(to) : Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant first = from != null ? TimeFormats.parseInstant(from) : last.minus(Duration.ofMinutes(50));
        DataLayout layout = DataLayout.of(dataRoot);
        Path work = localWorkDir(layout).resolve("local-run");
        Path logs = Files.createDirectories(work.resolve("logs-" + System.currentTimeMillis()));
        System.setProperty(ChildJvmActionExecutor.LOG_DIR, logs.toString());
        // --timeout bounds every action's child too: at the deadline the running one is stopped with its tree
        System.setProperty(ChildJvmActionExecutor.DEADLINE, String.valueOf(Instant.now().plus(timeout).toEpochMilli()));
        ChildProcess.endAllOnExit();
        ModuleJvm jvm = ModuleJvm.fromSystemProperty();
        MemorySampler memory = MemorySampler.start();
        long started = System.nanoTime();
        // Oozie, OpenJPA and SLF4J write to System.err; the run's one failure line goes to the console instead.
        PrintStream console = System.err;
        System.setErr(new PrintStream(Files.newOutputStream(logs.resolve("oozie-local.err")), true, StandardCharsets.UTF_8));

        out.printf("realtime-trend local: nominal times %s .. %s (UTC), data root %s, logs %s%n",
                OOZIE_TIME.format(first), OOZIE_TIME.format(last), layout.dataRoot(), logs);
        // the dry-run message server reads the run's topic from the start and sends every window of the range
        Duration messageMaxAge = Duration.between(first, Instant.now()).abs().plus(Duration.ofHours(2));
        try (LocalServices services = LocalServices.start(jvm, work, logs, bootstrapServers, demo, demoBreakSlot,
                messageMaxAge);
             LocalOozieEngine oozie = LocalOozieEngine.start(work.resolve("oozie"), executors())) {
            out.printf("services: HiveServer2 %s, Kafka %s%s%n", services.hiveJdbcUrl(), services.bootstrapServers(),
                    services.demoUrl().map(u -> ", demo site " + u).orElse(""));
            Properties job = jobProperties(jvm, layout, first, last, services);
            String coordId = oozie.coordinators().run(job);
            out.println("coordinator " + coordId + " submitted");
            Progress progress = new Progress(oozie, out, timezone);
            List<String> failures = progress.watch(coordId, countSlots(first, last), timeout);
            long hourMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            Slot lastSlot = Slot.of(last, timezone);
            printTrends(layout, lastSlot);
            printLastMessage(logs);
            services.printMessages(out);
            out.printf("figures: cycles (crawl→publish) %s ms; whole run %d ms; peak memory of all JVMs %d MiB%n",
                    progress.cycleMillis(), hourMillis, memory.peakMiB());
            if (!failures.isEmpty()) {
                console.println("local failed: " + failures.get(0));
                return 1;
            }
            return 0;
        } finally {
            System.setErr(console);
            memory.close();
        }
    }

    /** Oozie's java, hive2 and spark executors need YARN: these run the same actions in child JVMs. */
    private static Map<String, String> executors() {
        return Map.of("oozie.service.ActionService.executor.ext.classes",
                LocalJavaActionExecutor.class.getName() + "," + LocalHive2ActionExecutor.class.getName() + ","
                        + LocalSparkActionExecutor.class.getName());
    }

    private Properties jobProperties(ModuleJvm jvm, DataLayout layout, Instant first, Instant last,
                                     LocalServices services) throws Exception {
        Path app = jvm.appDirectory();
        Properties job = new Properties();
        try (InputStream in = Files.newInputStream(app.resolve("job.properties"))) {
            job.load(in);
        }
        Map<String, String> local = new LinkedHashMap<>();
        local.put("nameNode", "file:///");
        local.put("jobTracker", "localhost:8032");
        local.put("appPath", app.toUri().toString());
        local.put(OozieClient.COORDINATOR_APP_PATH, app.resolve("coordinator.xml").toUri().toString());
        local.put("start", OOZIE_TIME.format(first));
        local.put("end", OOZIE_TIME.format(last.plus(Duration.ofMinutes(1))));
        local.put("coordExecution", "FIFO");
        local.put("coordTimeout", "-1");
        local.put("coordThrottle", "12");
        local.put("dataRoot", layout.dataRoot());
        local.put("timezone", timezone.getId());
        local.put("crawlSource", "browser");
        local.put("signalUrl", services.demoUrl().map(URI::toString).orElse(url.toString()));
        local.put("seleniumUrl", "local");
        if (demo) {
            // the recorded pages stand for their slots, however long ago those were; a live site does not
            local.put("crawlMaxLag", "P3650D");
        }
        local.put("networkRetryMax", "0");
        local.put("hiveJdbcUrl", services.hiveJdbcUrl());
        local.put("sparkMaster", "local[2]");
        local.put("sparkMode", "client");
        local.put("analyzeSource", "files");
        local.put("kafkaBootstrapServers", services.bootstrapServers());
        local.put(OozieClient.USER_NAME, System.getProperty("user.name"));
        job.remove(OozieClient.BUNDLE_APP_PATH);
        job.putAll(local);
        job.putAll(properties);
        return job;
    }

    private static int countSlots(Instant first, Instant last) {
        return (int) (Duration.between(first, last).toMinutes() / Slot.MINUTES) + 1;
    }

    private static Path localWorkDir(DataLayout layout) {
        URI root = URI.create(layout.dataRoot());
        return "file".equals(root.getScheme()) ? Path.of(root).resolve(".local") : Path.of(".realtime-trend-local");
    }

    private void printTrends(DataLayout layout, Slot lastSlot) throws Exception {
        URI file = URI.create(layout.trendsFile(lastSlot.start()));
        if (!"file".equals(file.getScheme()) || !Files.exists(Path.of(file))) {
            return;
        }
        out.println();
        out.println("trends of the hour ending " + TimeFormats.text(lastSlot.start()) + " (" + file + "):");
        for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
            out.println("  " + line);
        }
    }

    /** The JSON the last successful publish sent to Kafka (its stdout, kept in the run's logs). */
    private void printLastMessage(Path logs) throws Exception {
        try (var files = Files.list(logs)) {
            Optional<Path> last = files.filter(p -> p.getFileName().toString().endsWith("-publish.out"))
                    .filter(p -> p.toFile().length() > 0).max(java.util.Comparator.comparing(Path::toString));
            if (last.isPresent()) {
                out.println();
                out.println("message sent to Kafka (topic recent_topics):");
                out.println(Files.readString(last.get(), StandardCharsets.UTF_8).strip());
            }
        }
    }

    /** Watches the coordinator's runs and prints each action's status and duration as it changes. */
    static final class Progress {

        private final LocalOozieEngine oozie;
        private final PrintStream out;
        private final ZoneId zone;
        private final Map<String, String> printed = new LinkedHashMap<>();
        private final List<Long> cycles = new ArrayList<>();

        Progress(LocalOozieEngine oozie, PrintStream out, ZoneId zone) {
            this.oozie = oozie;
            this.out = out;
            this.zone = zone;
        }

        List<Long> cycleMillis() {
            return cycles;
        }

        /** Polls until {@code expected} workflows ended; returns the kill messages of those that failed. */
        List<String> watch(String coordId, int expected, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> failures = new ArrayList<>();
            Map<String, Boolean> ended = new LinkedHashMap<>();
            while (ended.size() < expected) {
                if (System.nanoTime() > deadline) {
                    ChildProcess.killAll();
                    throw new IllegalStateException("the runs did not end within --timeout " + timeout
                            + "; the running action was stopped");
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
            return failures;
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
}

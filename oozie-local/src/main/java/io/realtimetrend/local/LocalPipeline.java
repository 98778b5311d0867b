package io.realtimetrend.local;

import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TimeFormats;
import io.realtimetrend.contract.TrendMessageFormat;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    private static final DateTimeFormatter OOZIE_TIME = LocalJobProperties.OOZIE_TIME;

    @Option(names = "--demo", description = "Serve bundled recorded pages of signal.bz on 127.0.0.1 (offline).")
    boolean demo;

    @Option(names = "--demo-break-slot", defaultValue = "0", description = "With --demo: the slot (1-6) whose page changes its layout.")
    int demoBreakSlot;

    @Option(names = "--url", defaultValue = "https://signal.bz/", description = "Page to crawl without --demo (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--from", description = "First nominal time (ISO-8601); default: with --demo the first slot of the last full hour, else the current slot (not with --live).")
    String from;

    @Option(names = "--to", description = "Last nominal time (ISO-8601); default: with --demo the end of the last full hour, with --live none, else the current slot.")
    String to;

    @Option(names = "--data-root", defaultValue = DataLayout.DEFAULT_ROOT, description = "Data root (default: ${DEFAULT-VALUE}).")
    String dataRoot;

    @Option(names = "--bootstrap-servers", description = "Kafka to publish to; default: a broker started on 127.0.0.1.")
    String bootstrapServers;

    @Option(names = "--timezone", defaultValue = TimeFormats.DEFAULT_ZONE_ID, description = "Zone of stored times (default: ${DEFAULT-VALUE}).")
    ZoneId timezone;

    @Option(names = {"-P", "--property"}, description = "A job.properties value for this run, KEY=VALUE (repeatable; applied last, e.g. crawlMaxLag=PT20M).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--frequency-minutes", defaultValue = "10", description = "Minutes between two runs, coordFrequencyMinutes (1, 2, 5, 10, 20, 30 or 60; default: ${DEFAULT-VALUE}); a slot stays 10 minutes.")
    int frequencyMinutes;

    @Option(names = "--live", description = "Run the coordinator by the clock from the next run on, until --to or Ctrl-C/SIGTERM, with the production policy (LAST_ONLY, coordTimeout, concurrency 1); state kept under the data root.")
    boolean live;

    @Mixin
    LiveOptions liveOptions = new LiveOptions();

    @Option(names = "--timeout", defaultValue = "PT30M", description = "Bound on the whole run, not with --live (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new LocalPipeline(), args));
    }

    @Override
    public Integer call() throws Exception {
        // a recorded hour by default; the live page can only be crawled for the present slot
        Instant defaultLast = demo ? Instant.now().truncatedTo(ChronoUnit.HOURS) : Slot.of(Instant.now(), timezone).start().toInstant();
        Instant last = to != null ? TimeFormats.parseInstant(to) : live ? Schedule.FAR_FUTURE : defaultLast;
        Instant first = from != null ? TimeFormats.parseInstant(from) : demo ? last.minus(Duration.ofMinutes(50)) : last;
        if (live && from != null) {
            throw new IllegalArgumentException("--live starts at the next run by the clock; --from is for a range");
        }
        Schedule range = live ? Schedule.live(Instant.now(), Optional.of(last), frequencyMinutes)
                : new Schedule(first, last, frequencyMinutes, false);
        List<String> messenger = liveOptions.messengerArgs();
        DataLayout layout = DataLayout.of(dataRoot);
        refuseThePastOfALivePage(range.first());
        Path work = localWorkDir(layout).resolve("local-run");
        Path logs = Files.createDirectories(work.resolve("logs-" + System.currentTimeMillis()));
        System.setProperty(ChildJvmActionExecutor.LOG_DIR, logs.toString());
        // --timeout bounds every action's child too: at the deadline the running one is stopped with its tree
        Instant deadline = live ? Schedule.FAR_FUTURE : Instant.now().plus(timeout);
        System.setProperty(ChildJvmActionExecutor.DEADLINE, String.valueOf(deadline.toEpochMilli()));
        ChildProcess.endAllOnExit();
        Optional<LiveRun> following = live ? Optional.of(new LiveRun(out, layout, timezone,
                liveOptions.retention(layout, work, timezone)).stopOnSignals()) : Optional.empty();
        ModuleJvm jvm = ModuleJvm.fromSystemProperty();
        MemorySampler memory = MemorySampler.start();
        long started = System.nanoTime();
        // Oozie, OpenJPA and SLF4J write to System.err; the run's one failure line goes to the console instead.
        PrintStream console = System.err;
        System.setErr(new PrintStream(RollingFile.of(logs.resolve("oozie-local.err")), true, StandardCharsets.UTF_8));

        out.printf("realtime-trend local%s: nominal times %s .. %s (UTC) every %d min, data root %s, logs %s%n",
                live ? " --live" : "", OOZIE_TIME.format(range.first()), OOZIE_TIME.format(range.last()),
                frequencyMinutes, layout.dataRoot(), logs);
        // the dry-run message server reads the run's topic from the start and sends every window of the range
        Duration messageMaxAge = live ? Duration.ofHours(2) : Duration.between(first, Instant.now()).abs().plus(Duration.ofHours(2));
        try (LocalServices services = LocalServices.start(jvm, work, logs, bootstrapServers, demo, demoBreakSlot,
                messageMaxAge, live, messenger);
             LocalOozieEngine oozie = LocalOozieEngine.start(work.resolve("oozie"), executors())) {
            out.printf("services: HiveServer2 %s, Kafka %s%s%n", services.hiveJdbcUrl(), services.bootstrapServers(),
                    services.demoUrl().map(u -> ", demo site " + u).orElse(""));
            // live: the next run after the services are up (they take a minute to start)
            Schedule schedule = live ? Schedule.live(Instant.now(), Optional.of(last), frequencyMinutes) : range;
            Properties job = new LocalJobProperties(layout, timezone, schedule, demo,
                    services.demoUrl().orElse(url), services.hiveJdbcUrl(), services.bootstrapServers(), properties)
                    .over(jvm.appDirectory());
            String coordId = oozie.coordinators().run(job);
            out.println("coordinator " + coordId + " submitted, first run " + OOZIE_TIME.format(schedule.first()));
            CoordinatorWatch progress = new CoordinatorWatch(oozie, out, timezone);
            if (following.isPresent()) {
                following.get().follow(coordId, schedule, progress, services);
                return 0;
            }
            List<String> failures = progress.watch(coordId, schedule.count(), deadline, timeout);
            long hourMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            printTrends(out, layout, Slot.of(last, timezone));
            printLastMessage(logs, job.getProperty("kafkaTopic", TrendMessageFormat.DEFAULT_TOPIC));
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

    /**
     * A live page shows only the present ranking: crawling it for slots older than the crawl's max lag would store
     * today's page as the past (the crawl would skip them anyway). Refused before anything starts or is written.
     */
    private void refuseThePastOfALivePage(Instant first) {
        Duration maxLag = Duration.parse(properties.getOrDefault("crawlMaxLag", "PT20M"));
        Instant oldestServable = Instant.now().minus(maxLag);
        if (!demo && first.isBefore(oldestServable)) {
            throw new IllegalArgumentException("the live page " + url + " shows only the present ranking, and --from "
                    + OOZIE_TIME.format(first) + " is more than crawlMaxLag " + maxLag + " ago: use --demo for a "
                    + "recorded hour, or --from within the last " + maxLag.toMinutes() + " minutes");
        }
    }

    /** Oozie's java, hive2 and spark executors need YARN: these run the same actions in child JVMs. */
    private static Map<String, String> executors() {
        return Map.of("oozie.service.ActionService.executor.ext.classes",
                LocalJavaActionExecutor.class.getName() + "," + LocalHive2ActionExecutor.class.getName() + ","
                        + LocalSparkActionExecutor.class.getName());
    }

    private static Path localWorkDir(DataLayout layout) {
        URI root = URI.create(layout.dataRoot());
        return "file".equals(root.getScheme()) ? Path.of(root).resolve(".local") : Path.of(".realtime-trend-local");
    }

    /** Prints the trends table of the window ending at {@code lastSlot}, when it exists. */
    static void printTrends(PrintStream out, DataLayout layout, Slot lastSlot) throws Exception {
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
    private void printLastMessage(Path logs, String topic) throws Exception {
        try (var files = Files.list(logs)) {
            Optional<Path> last = files.filter(p -> p.getFileName().toString().endsWith("-publish.out"))
                    .filter(p -> p.toFile().length() > 0).max(java.util.Comparator.comparing(Path::toString));
            if (last.isPresent()) {
                out.println();
                out.println("message sent to Kafka (topic " + topic + "):");
                out.println(Files.readString(last.get(), StandardCharsets.UTF_8).strip());
            }
        }
    }
}

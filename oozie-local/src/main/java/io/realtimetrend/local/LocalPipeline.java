package io.realtimetrend.local;

import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.PipelineZone;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TimeFormats;
import io.realtimetrend.contract.TrendMessageFormat;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/realtime-trend local}: the real Oozie engine runs the packaged coordinator and workflow for a range
 * of nominal times on this machine. Services start once, as a cluster has them running: HiveServer2 and a Kafka
 * broker in JVMs of their own, the message server in dry-run mode, and (with {@code --demo}) recorded pages of
 * signal.bz on 127.0.0.1. With {@code --engine local} (the default) each action runs in a child JVM with its
 * module's classpath; {@code --engine yarn} runs them through Oozie's stock executors and launchers on a mini Hadoop
 * cluster, on module {@code oozie-yarn}'s classpath ({@code bin/realtime-trend} starts this command there: that
 * module's classpath holds the cluster, oozie-local's never does).
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Runs the app's Oozie bundle (its coordinator and workflow) for a range of nominal times on this machine.")
public final class LocalPipeline implements Callable<Integer> {

    private static final DateTimeFormatter OOZIE_TIME = LocalJobProperties.OOZIE_TIME;

    @Option(names = "--demo", description = "Serve bundled recorded pages of signal.bz on 127.0.0.1 (offline).") boolean demo;
    @Option(names = "--demo-break-slot", defaultValue = "0", description = "With --demo: the slot (1-6) whose page changes its layout.") int demoBreakSlot;
    @Option(names = "--url", defaultValue = "https://signal.bz/", description = "Page to crawl without --demo (default: ${DEFAULT-VALUE}).") URI url;
    @Option(names = "--from", description = "First nominal time (ISO-8601); default: with --demo the first slot of the last full hour, else the current slot (not with --live).") String from;
    @Option(names = "--to", description = "Last nominal time (ISO-8601); default: with --demo the end of the last full hour, with --live none, else the current slot.") String to;
    @Option(names = "--data-root", defaultValue = DataLayout.DEFAULT_ROOT, description = "Data root: a local directory, or with --engine yarn hdfs:///PATH on its mini cluster's HDFS (default: ${DEFAULT-VALUE}).") String dataRoot;
    @Option(names = "--bootstrap-servers", description = "Kafka to publish to; default: a broker started on 127.0.0.1.") String bootstrapServers;
    @Option(names = "--timezone", defaultValue = TimeFormats.DEFAULT_ZONE_ID, converter = PipelineZone.class, description = "Zone of stored times, without daylight saving (default: ${DEFAULT-VALUE}).") ZoneId timezone;
    @Option(names = {"-P", "--property"}, description = "A job.properties value for this run, KEY=VALUE (repeatable; applied last, e.g. crawlMaxLag=PT20M).") Map<String, String> properties = new LinkedHashMap<>();
    @Option(names = "--frequency-minutes", defaultValue = "10", description = "Minutes between two runs, coordFrequencyMinutes (1, 2, 5, 10, 20, 30 or 60; default: ${DEFAULT-VALUE}); a slot stays 10 minutes.") int frequencyMinutes;
    @Option(names = "--live", description = "Run the coordinator by the clock from the next run on, until --to or Ctrl-C/SIGTERM, with the production policy (LAST_ONLY, coordTimeout, concurrency 1); state kept under the data root.") boolean live;

    @Option(names = "--serve", description = "After the range's runs, keep Oozie (OOZIE_URL) and the services up until Ctrl-C/SIGTERM, for the stock oozie CLI: rerun, backfill, kill; every workflow it runs is shown (not with --live, which serves while it runs).") boolean serve;

    @Mixin LiveOptions liveOptions = new LiveOptions();

    @Option(names = "--engine", defaultValue = "local", description = "Where the actions run: local (child JVMs, the default) or yarn (Oozie's own launchers on a mini Hadoop cluster started for the run; not with --live).") String engine;
    @Option(names = "--oozie-port", defaultValue = "11000", description = "Port of Oozie's REST API on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free port), printed as OOZIE_URL for the oozie CLI's -oozie.") int ooziePort;
    @Option(names = "--action-timeout", description = "With --live and --serve: bound on one action, its child JVM stopped with its tree after it (default: the run frequency, --frequency-minutes).") Duration actionTimeout;
    @Option(names = "--timeout", defaultValue = "PT30M", description = "Bound on the whole run, not with --live (default: ${DEFAULT-VALUE}).") Duration timeout;

    /** The {@code --engine} values. */
    private static final List<String> ENGINES = List.of("local", "yarn");

    private final PrintStream out = System.out;

    @Spec
    CommandSpec spec;

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
        if (live && serve) {
            throw new IllegalArgumentException("--serve is for a range: --live serves Oozie while it runs");
        }
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("--engine is one of " + String.join(", ", ENGINES) + ", not " + engine);
        }
        if (DataLayout.of(dataRoot).dataRoot().startsWith("hdfs:") && !"yarn".equals(engine)) {
            throw new IllegalArgumentException("--data-root " + dataRoot + " is on HDFS: --engine yarn starts one (its "
                    + "mini cluster's, hdfs:///PATH); the local engine's actions use the local disk");
        }
        if (live && !"local".equals(engine)) {
            throw new IllegalArgumentException("--live runs on --engine local only: --engine " + engine
                    + " starts a mini cluster for one run, to check the app before deploying it");
        }
        Schedule range = live ? Schedule.live(Instant.now(), Optional.of(last), frequencyMinutes)
                : new Schedule(first, last, frequencyMinutes, false);
        List<String> messenger = liveOptions.messengerArgs();
        DataLayout layout = DataLayout.of(dataRoot);
        refuseThePastOfALivePage(range.first());
        Path work = localWorkDir(layout).resolve("local-run");
        Optional<Retention> retention = live ? liveOptions.retention(layout, work, timezone) : Optional.empty();
        Engine starter = starter(engine).orElseThrow(() -> new IllegalArgumentException("--engine " + engine
                + " is not on this JVM's classpath: bin/realtime-trend local --engine yarn starts local mode on module "
                + "oozie-yarn's"));
        // Oozie's port first: one taken refuses the run before anything starts (the engine owns it from here)
        OozieRestServer http;
        try {
            http = OozieRestServer.bind(ooziePort);
        } catch (OozieRestServer.PortInUseException e) {
            spec.commandLine().getErr().println("local failed: " + e.getMessage());
            return 2;
        }
        new PreviousRun(work).takeOver(out);
        // --timeout bounds every action's child too: at the deadline the running one is stopped with its tree
        Instant deadline = live ? Schedule.FAR_FUTURE : Instant.now().plus(timeout);
        LocalRun run = new LocalRun(RunFiles.create(work), ModuleJvm.fromSystemProperty(),
                new ActionBounds(deadline, live ? Optional.of(actionTimeout()) : Optional.empty()),
                new ChildProcesses().endAllOnExit());
        Optional<LiveRun> following = live
                ? Optional.of(new LiveRun(out, layout, timezone, retention, run.children()).stopOnSignals())
                : Optional.empty();
        MemorySampler memory = MemorySampler.start();
        long started = System.nanoTime();
        // Oozie 5.2.1's libraries print on System.err (OpenJPA's log, its persistence.xml sets no log4j; SLF4J's
        // bindings): to the run's file; the console keeps the run's one failure line
        PrintStream console = System.err;
        System.setErr(new PrintStream(RollingFile.of(run.files().libraryStderr()), true, StandardCharsets.UTF_8));

        out.printf("realtime-trend local%s: nominal times %s .. %s (UTC) every %d min, data root %s, logs %s%n",
                live ? " --live" : "", OOZIE_TIME.format(range.first()), OOZIE_TIME.format(range.last()),
                frequencyMinutes, layout.dataRoot(), run.files().logs());
        out.println("OOZIE_URL=" + http.url());
        // the dry-run message server reads the run's topic from the start and sends every window of the range
        Duration messageMaxAge = live ? Duration.ofHours(2) : Duration.between(first, Instant.now()).abs().plus(Duration.ofHours(2));
        // the engine starts while the services do (a mini cluster takes a minute)
        BackgroundStart<RunningEngine> engineStart = BackgroundStart.begin("engine-start", () -> starter.start(run, http));
        LocalServices servicesUp;
        try {
            servicesUp = LocalServices.start(run, bootstrapServers, demo, demoBreakSlot, messageMaxAge, live, messenger);
        } catch (Exception e) {
            engineStart.closeWhenStarted(e);
            throw e;
        }
        try (LocalServices services = servicesUp; RunningEngine engine = engineStart.await()) {
            out.printf("services: HiveServer2 %s on metastore %s, Kafka %s%s%n", services.hiveJdbcUrl(),
                    services.hiveMetastoreUri(), services.bootstrapServers(),
                    services.demoUrl().map(u -> ", demo site " + u).orElse(""));
            out.println(engine.summary());
            // live: the next run after the services are up (they take a minute to start)
            Schedule schedule = live ? Schedule.live(Instant.now(), Optional.of(last), frequencyMinutes) : range;
            // an hdfs:/// root on the engine's HDFS, named so that HiveServer2 (another default filesystem) reaches it
            DataLayout onEngine = layout.on(engine.hadoop().nameNode());
            LocalJobProperties local = new LocalJobProperties(engine.hadoop(), onEngine, timezone, schedule, demo,
                    services.demoUrl().orElse(url), services.hiveJdbcUrl(), services.hiveMetastoreUri(),
                    services.bootstrapServers(), properties);
            // what is submitted is also written for the CLI's -config (a backfill, as the README's operation section has it)
            BundleSubmission bundle = BundleSubmission.submit(engine.oozie().client(), local, run.jvm().appDirectory(),
                    run.files().submittedJobProperties());
            out.println("bundle " + bundle.bundleId() + " submitted to " + engine.oozie().url());
            out.println("coordinator " + bundle.coordId() + " started by the bundle, first run "
                    + OOZIE_TIME.format(schedule.first()));
            CoordinatorWatch progress = new CoordinatorWatch(engine.oozie(), out, timezone,
                    run.files().workflowRecords(), engine.usage(), run.children());
            if (following.isPresent()) {
                following.get().follow(bundle.bundleId(), bundle.coordId(), schedule, progress, services,
                        engine.oozie().client());
                return 0;
            }
            List<String> failures = progress.watch(bundle.coordId(), schedule.count(), deadline, timeout);
            long hourMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            RunResults.printTrends(out, layout, Slot.of(last, timezone));
            RunResults.printLastMessage(out, run.files(),
                    bundle.job().getProperty("kafkaTopic", TrendMessageFormat.DEFAULT_TOPIC), progress);
            services.printMessages(out);
            out.printf("figures: cycles (crawl→publish) %s ms; whole run %d ms; peak memory of all JVMs %d MiB%n",
                    progress.cycleMillis(), hourMillis, memory.peakMiB());
            if (serve) {
                failures.stream().findFirst().ifPresent(failure -> out.println("a run of the range failed: " + failure));
                out.println("serving Oozie at " + engine.oozie().url() + " until Ctrl-C/SIGTERM: rerun, backfill or kill"
                        + " with the stock oozie CLI; job.properties as submitted: " + bundle.jobProperties());
                // what runs from now on is the CLI's: no deadline of the range's
                run.bounds().serveBeyondTheRange(actionTimeout());
                services.newMessageServerLines();
                new LiveRun(out, layout, timezone, Optional.empty(), run.children()).stopOnSignals()
                        .serve(progress, services);
                return 0;
            }
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

    /** The engine named {@code name} on this JVM's classpath ({@code META-INF/services}), if it is there. */
    private static Optional<Engine> starter(String name) {
        return ServiceLoader.load(Engine.class).stream().map(ServiceLoader.Provider::get)
                .filter(s -> s.name().equals(name)).findFirst();
    }

    /** {@code --action-timeout}, else one run's period: a longer action would hold back the next run. */
    private Duration actionTimeout() {
        return actionTimeout != null ? actionTimeout : Duration.ofMinutes(frequencyMinutes);
    }

    private static Path localWorkDir(DataLayout layout) {
        URI root = URI.create(layout.dataRoot());
        return "file".equals(root.getScheme()) ? Path.of(root).resolve(".local") : Path.of(".realtime-trend-local");
    }
}

package io.realtimetrend.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cluster has running, started once per local run: a Hive 4 metastore (Derby kept under the work directory)
 * with HiveServer2 on it, and a KRaft Kafka broker, in JVMs of their own, the message server (in dry-run mode printing the
 * KakaoTalk text it would send, or sending it), and the demo site. With {@code keepState} (live mode) Kafka's log
 * directory and the message server's state (sent keys; its offsets are in Kafka) are fixed directories under the
 * work directory, so a restart resumes where the last run stopped; otherwise each run starts them afresh.
 */
public final class LocalServices implements AutoCloseable {

    private final HiveServices hive;
    private final Optional<ChildProcesses.Started> kafka;
    private final String bootstrapServers;
    private final List<String> messageServerCommand;
    private final Path messageServerFiles;
    private volatile ChildProcesses.Started messageServer;
    private final Optional<DemoSite> demo;
    private final LogTail messageServerLog;

    private LocalServices(HiveServices hive, Optional<ChildProcesses.Started> kafka, String bootstrapServers,
                          List<String> messageServerCommand, ChildProcesses.Started messageServer, Path messageServerFiles,
                          Optional<DemoSite> demo) {
        this.hive = hive;
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.messageServerCommand = List.copyOf(messageServerCommand);
        this.messageServer = messageServer;
        this.messageServerFiles = messageServerFiles;
        this.demo = demo;
        this.messageServerLog = new LogTail(RunFiles.out(messageServerFiles), RunFiles.err(messageServerFiles));
    }

    /**
     * Starts everything; Kafka only when {@code bootstrapServers} is null. {@code messenger} is the message server's
     * {@code --dry-run} or its Kakao secret files' options.
     */
    public static LocalServices start(LocalRun run, String bootstrapServers, boolean demo,
                                      int demoBreakSlot, Duration messageMaxAge, boolean keepState,
                                      List<String> messenger) throws Exception {
        ModuleJvm jvm = run.jvm();
        RunFiles files = run.files();
        Optional<DemoSite> site = demo ? Optional.of(new DemoSite(demoBreakSlot)) : Optional.empty();
        Optional<ChildProcesses.Started> kafka = Optional.empty();
        String servers = bootstrapServers;
        // HiveServer2 starts and warms up (its first load) while Kafka starts: the longest start overlaps the other
        BackgroundStart<HiveServices> hiveStart = BackgroundStart.begin("hive-start",
                () -> HiveServices.start(run));
        try {
            if (servers == null) {
                Path kafkaDir = keepState ? Files.createDirectories(files.work().resolve("kafka"))
                        : Files.createTempDirectory(Files.createDirectories(files.work()), "kafka-");
                kafka = Optional.of(ChildProcesses.startService(jvm.command(ModuleMain.KAFKA, Map.of(),
                        List.of(kafkaDir.toString()), files.log("kafka")), files.child("kafka"), 60_000));
                servers = kafka.get().address();
            }
            HiveServices hive = hiveStart.await();
            Path stateDir = keepState ? Files.createDirectories(files.work().resolve("message-server"))
                    : Files.createTempDirectory(files.work(), "message-server-");
            // a consumer from the earliest offset: it needs no readiness wait, it catches up with what is sent
            List<String> args = new java.util.ArrayList<>(List.of("--bootstrap-servers", servers, "--every-window",
                    "--from-beginning", "--max-age", messageMaxAge.toString(), "--state-dir", stateDir.toString()));
            args.addAll(messenger);
            List<String> senderCommand = jvm.command(ModuleMain.MESSAGE_SERVER, Map.of(), args,
                    files.log("message-server"));
            ChildProcesses.Started sender = ChildProcesses.startQuiet(senderCommand, files.child("message-server"));
            return new LocalServices(hive, kafka, servers, senderCommand, sender, files.child("message-server"), site);
        } catch (Exception e) {
            hiveStart.closeWhenStarted(e);
            if (kafka.isPresent()) {
                kafka.get().close();
            }
            site.ifPresent(DemoSite::close);
            throw e;
        }
    }

    public String hiveJdbcUrl() {
        return hive.server().address();
    }

    /** The metastore's {@code thrift://} URI, which HiveServer2 and the analyze action use. */
    public String hiveMetastoreUri() {
        return hive.metastore().address();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Optional<URI> demoUrl() {
        return demo.map(DemoSite::url);
    }

    /** Prints what the message server received: the KakaoTalk text of each window (dry run). */
    public void printMessages(PrintStream out) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        List<String> lines = List.of();
        while (System.currentTimeMillis() < deadline) {
            lines = Files.readAllLines(RunFiles.out(messageServerFiles), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("{")).toList();
            if (!lines.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println("KakaoTalk message (message-server --dry-run), last of " + lines.size() + ":");
        out.println(lines.get(lines.size() - 1));
    }

    /** What the message server printed since the last call: the dry run's messages, then each record's outcome. */
    public List<String> newMessageServerLines() throws IOException {
        return messageServerLog.newLines();
    }

    /** The message server's last stderr line if it has exited (a wrong secret file, Kafka gone), else empty. */
    public Optional<String> messageServerExit() throws IOException {
        if (messageServer.process().isAlive()) {
            return Optional.empty();
        }
        String err = Files.readString(RunFiles.err(messageServerFiles), StandardCharsets.UTF_8);
        return Optional.of(new ChildProcesses.Result(messageServer.process().exitValue(), "", err).lastErrorLine());
    }

    /**
     * Starts the message server again after it exited: the same command, state directory and consumer group, so it
     * reads on from its last commit (its last run's output rolls to {@code message-server.out.1}).
     */
    public void restartMessageServer() throws IOException, InterruptedException {
        messageServer.close();
        messageServer = ChildProcesses.startQuiet(messageServerCommand, messageServerFiles);
    }

    /** Stops the message server first (it commits what it sent), then HiveServer2 and Kafka together, then the metastore. */
    @Override
    public void close() throws Exception {
        messageServer.close();
        List<ChildProcesses.Started> rest = new java.util.ArrayList<>(List.of(hive.server()));
        kafka.ifPresent(rest::add);
        ChildProcesses.closeAll(rest);
        hive.metastore().close();
        demo.ifPresent(DemoSite::close);
    }
}

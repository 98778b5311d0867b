package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TimeFormats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.OozieClientException;
import org.apache.oozie.service.ELService;
import org.apache.oozie.service.Services;
import org.apache.oozie.util.ELEvaluator;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oozie 5.2.1's engine (LocalOozie) dry-runs the deployed definitions with the shipped job.properties: what the
 * schemas miss (transitions, unresolved parameters) fails here, and the coordinator's own EL gives each run its
 * nominal time.
 */
class OozieDryRunTest {

    private static final Path APP = Path.of("../oozie-app/app").toAbsolutePath().normalize();

    @TempDir
    static Path home;

    private static OozieServer oozie;

    @BeforeAll
    static void startOozie() throws Exception {
        oozie = OozieServer.start(home.resolve("oozie"), Map.of());
    }

    @AfterAll
    static void stopOozie() throws InterruptedException {
        oozie.close();
    }

    /** The shipped job.properties with the cluster's addresses pointed at this machine. */
    private static Properties jobProperties(Path app) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("../job.properties"))) {
            props.load(in);
        }
        props.setProperty("nameNode", "file:///");
        props.setProperty("appPath", app.toUri().toString());
        props.remove(OozieClient.BUNDLE_APP_PATH);
        props.setProperty(OozieClient.USER_NAME, System.getProperty("user.name"));
        return props;
    }

    private static Properties coordinator(String start, String end) throws IOException {
        Properties props = jobProperties(APP);
        props.setProperty(OozieClient.COORDINATOR_APP_PATH, APP.resolve("coordinator.xml").toUri().toString());
        props.setProperty("start", start);
        props.setProperty("end", end);
        return props;
    }

    private static Properties workflow(Path app) throws IOException {
        Properties props = jobProperties(app);
        props.setProperty(OozieClient.APP_PATH, app.resolve("workflow.xml").toUri().toString());
        props.setProperty("nominalTime", "2026-11-26T15:00Z");
        return props;
    }

    private static Path copyOfApp(String from, String to) throws IOException {
        Path copy = Files.createTempDirectory(home, "app");
        try (Stream<Path> files = Files.list(APP)) {
            for (Path file : files.toList()) {
                Files.writeString(copy.resolve(file.getFileName()), Files.readString(file).replace(from, to));
            }
        }
        return copy;
    }

    @Test
    void coordinatorMaterializesEveryTenMinutesAndPassesTheNominalTime() throws Exception {
        Properties props = coordinator("2026-11-26T14:40Z", "2026-11-26T15:10Z");

        String dryRun = oozie.coordinators().dryrun(props);

        List<String> nominal = new ArrayList<>();
        Matcher m = Pattern.compile("action-nominal-time=\"([^\"]+)\".*?<name>nominalTime</name>\\s*<value>([^<]+)</value>"
                + ".*?<sla:should-end>([^<]+)</sla:should-end>", Pattern.DOTALL).matcher(dryRun);
        while (m.find()) {
            assertThat(m.group(2)).isEqualTo(m.group(1));
            assertThat(m.group(3)).isEqualTo("10");
            nominal.add(m.group(2));
        }
        assertThat(nominal).containsExactly("2026-11-26T14:40Z", "2026-11-26T14:50Z", "2026-11-26T15:00Z");
        assertThat(dryRun).contains("<execution>LAST_ONLY</execution>", "<timeout>10</timeout>",
                "<concurrency>1</concurrency>");
    }

    @Test
    void coordFrequencyMinutesSetsHowOftenTheCoordinatorRuns() throws Exception {
        Properties props = coordinator("2026-11-26T14:40Z", "2026-11-26T14:43Z");
        props.setProperty("coordFrequencyMinutes", "1");

        String dryRun = oozie.coordinators().dryrun(props);

        assertThat(Pattern.compile("action-nominal-time=\"([^\"]+)\"").matcher(dryRun).results().map(r -> r.group(1)))
                .containsExactly("2026-11-26T14:40Z", "2026-11-26T14:41Z", "2026-11-26T14:42Z");
        // a slot stays 10 minutes (docs/contract.md): the three runs poll one slot, whose snapshot the first one writes
        assertThat(Stream.of("2026-11-26T14:40Z", "2026-11-26T14:41Z", "2026-11-26T14:42Z")
                .map(t -> Slot.of(TimeFormats.parseInstant(t), TimeFormats.DEFAULT_ZONE).fileStem()).distinct())
                .containsExactly("202611262340");
    }

    @Test
    void nominalTimesAcrossAnHourAndKstMidnightGiveTheContractsSlotsAndPaths() {
        DataLayout layout = DataLayout.of("hdfs://nn:8020/data/realtime-trend");
        // the crawl receives ${nominalTime}, exactly as the coordinator materialized it above
        assertThat(Stream.of("2026-11-26T14:40Z", "2026-11-26T14:50Z", "2026-11-26T15:00Z")
                .map(t -> layout.snapshotFile(Slot.of(TimeFormats.parseInstant(t), TimeFormats.DEFAULT_ZONE))))
                .containsExactly(
                        "hdfs://nn:8020/data/realtime-trend/raw/dt=2026-11-26/hr=23/202611262340.csv",
                        "hdfs://nn:8020/data/realtime-trend/raw/dt=2026-11-26/hr=23/202611262350.csv",
                        "hdfs://nn:8020/data/realtime-trend/raw/dt=2026-11-27/hr=00/202611270000.csv");
    }

    @Test
    void oozieElGivesEachActionItsArgumentsForANominalTimeAtKstMidnight() throws Exception {
        Properties props = workflow(APP);
        props.setProperty("nominalTime", "2026-11-26T15:00Z");
        ELEvaluator el = Services.get().get(ELService.class).createEvaluator("workflow");
        props.stringPropertyNames().forEach(name -> el.setVariable(name, props.getProperty(name)));
        for (int pass = 0; pass < 2; pass++) {
            // job.properties values refer to each other (${nameNode}/…), as Oozie resolves them at submission
            for (String name : props.stringPropertyNames()) {
                el.setVariable(name, el.evaluate(props.getProperty(name), String.class));
            }
        }
        Element workflow = parse(APP.resolve("workflow.xml"));

        assertThat(arguments(el, workflow, "crawl")).containsExactly("--data-root", "file:////data/realtime-trend",
                "--nominal-time", "2026-11-26T15:00Z", "--timezone", "Asia/Seoul", "--source", "browser",
                "--url", "https://signal.bz/", "--selenium-url", "http://selenium:4444/wd/hub",
                "--keyword-selector", "span.rank-text", "--rank-selector", "span.rank-num",
                "--state-selector", "span.rank-state", "--render-timeout", "PT15S", "--max-lag", "PT20M",
                "--deadline", "PT3M", "--chromium-sandbox=true", "--recrawl=false");
        assertThat(arguments(el, workflow, "analyze")).containsExactly("--data-root", "file:////data/realtime-trend",
                "--nominal-time", "2026-11-26T15:00Z", "--timezone", "Asia/Seoul", "--source", "metastore");
        assertThat(arguments(el, workflow, "publish")).contains("--bootstrap-servers", "kafka:9092", "--topic",
                "recent_topics", "--kafka-properties", "none");
        // what the crawl makes of that nominal time: the next KST day's first slot
        assertThat(DataLayout.of("file:////data/realtime-trend").snapshotFile(
                Slot.of(TimeFormats.parseInstant(el.evaluate("${nominalTime}", String.class)), TimeFormats.DEFAULT_ZONE)))
                .endsWith("/raw/dt=2026-11-27/hr=00/202611270000.csv");
    }

    private static List<String> arguments(ELEvaluator el, Element workflow, String actionName) throws Exception {
        NodeList actions = workflow.getElementsByTagNameNS("*", "action");
        for (int i = 0; i < actions.getLength(); i++) {
            Element action = (Element) actions.item(i);
            if (action.getAttribute("name").equals(actionName)) {
                List<String> args = new ArrayList<>();
                NodeList list = action.getElementsByTagNameNS("*", "arg");
                for (int j = 0; j < list.getLength(); j++) {
                    args.add(el.evaluate(list.item(j).getTextContent(), String.class));
                }
                return args;
            }
        }
        throw new IllegalArgumentException("no action " + actionName);
    }

    private static Element parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    @Test
    void workflowDryRunPassesWithTheShippedProperties() throws Exception {
        assertThat(oozie.workflows().dryrun(workflow(APP))).isEqualTo("OK");
    }

    @Test
    void aTransitionToAMissingNodeFailsTheDryRun() throws Exception {
        Path broken = copyOfApp("<ok to=\"analyze\"/>", "<ok to=\"analyse\"/>");

        assertThatThrownBy(() -> oozie.workflows().dryrun(workflow(broken)))
                .isInstanceOf(OozieClientException.class).hasMessageContaining("analyse");
    }

    @Test
    void anUnresolvedParameterFailsTheDryRun() throws Exception {
        Properties props = workflow(APP);
        props.remove("hiveJdbcUrl");

        assertThatThrownBy(() -> oozie.workflows().dryrun(props))
                .isInstanceOf(OozieClientException.class).hasMessageContaining("variable [hiveJdbcUrl] cannot be resolved");
    }
}

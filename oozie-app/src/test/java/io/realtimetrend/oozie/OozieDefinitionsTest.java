package io.realtimetrend.oozie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The deployed definitions (oozie-app/app/) against Oozie 5.2.1's own schemas and Hue 4.x's namespaces. */
class OozieDefinitionsTest {

    private static final Path APP = Path.of("app");

    /** What Hue 4.x imports: workflow ≤ 0.5, coordinator ≤ 0.4, bundle ≤ 0.2, hive2/spark ≤ 0.2, SLA 0.2. */
    private static final Set<String> HUE_4_NAMESPACES = Set.of(
            "uri:oozie:workflow:0.5", "uri:oozie:coordinator:0.4", "uri:oozie:bundle:0.2",
            "uri:oozie:hive2-action:0.2", "uri:oozie:spark-action:0.2", "uri:oozie:sla:0.2");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} validates against oozie.service.SchemaService.{1}.schemas")
    @CsvSource({"workflow.xml, wf", "coordinator.xml, coord", "bundle.xml, bundle"})
    void definitionValidatesAgainstOoziesSchemas(String file, String type) throws Exception {
        assertThat(OozieSchemas.violations(OozieSchemas.of(type), APP.resolve(file))).isEmpty();
    }

    @Test
    void brokenDefinitionFailsWithFileLineAndColumn() throws Exception {
        String workflow = Files.readString(APP.resolve("workflow.xml"));
        Path broken = tmp.resolve("workflow.xml");
        Files.writeString(broken, workflow.replaceFirst("<ok to=\"load\"/>", "<okay to=\"load\"/>"));
        int line = (int) workflow.substring(0, workflow.indexOf("<ok to=\"load\"/>")).lines().count();

        assertThat(OozieSchemas.violations(OozieSchemas.of("wf"), broken)).first().asString()
                .startsWith("workflow.xml:" + line + ":").contains("okay");
    }

    @Test
    void everyNamespaceIsOneHue4Imports() throws Exception {
        for (String file : new String[]{"workflow.xml", "coordinator.xml", "bundle.xml"}) {
            assertThat(namespaces(APP.resolve(file))).as(file).isNotEmpty().isSubsetOf(HUE_4_NAMESPACES);
        }
    }

    @Test
    void namespaceCheckCatchesANewerSchema() throws Exception {
        Path newer = tmp.resolve("workflow.xml");
        Files.writeString(newer, Files.readString(APP.resolve("workflow.xml"))
                .replace("uri:oozie:workflow:0.5", "uri:oozie:workflow:1.0"));

        Set<String> found = namespaces(newer);
        assertThat(found).contains("uri:oozie:workflow:1.0");
        assertThat(HUE_4_NAMESPACES.containsAll(found)).isFalse();
    }

    @Test
    void workflowTransitionsEndAtTheKillNodeWithTheErrorMessage() throws Exception {
        Element root = parse(APP.resolve("workflow.xml"));
        NodeList errors = root.getElementsByTagNameNS("*", "error");
        assertThat(errors.getLength()).isEqualTo(4);
        for (int i = 0; i < errors.getLength(); i++) {
            assertThat(((Element) errors.item(i)).getAttribute("to")).isEqualTo("fail");
        }
        assertThat(root.getElementsByTagNameNS("*", "message").item(0).getTextContent())
                .contains("${wf:errorMessage(wf:lastErrorNode())}");
        Map<String, Boolean> captures = Map.of("crawl", true, "publish", true);
        NodeList actions = root.getElementsByTagNameNS("*", "action");
        for (int i = 0; i < actions.getLength(); i++) {
            Element action = (Element) actions.item(i);
            boolean captured = action.getElementsByTagNameNS("*", "capture-output").getLength() > 0;
            assertThat(captured).as(action.getAttribute("name"))
                    .isEqualTo(captures.getOrDefault(action.getAttribute("name"), false));
            assertThat(action.getAttribute("retry-max")).as("every action is retried").isEqualTo("${networkRetryMax}");
            assertThat(action.getAttribute("retry-interval")).isEqualTo("${networkRetryIntervalMinutes}");
        }
    }

    @Test
    void everyParameterOfTheDefinitionsIsInJobPropertiesAndEveryKeyIsInTheConfigurationDoc() throws Exception {
        Set<String> parameters = new TreeSet<>();
        Pattern variable = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.]*)}");
        for (String file : new String[]{"workflow.xml", "coordinator.xml", "bundle.xml"}) {
            Matcher m = variable.matcher(Files.readString(APP.resolve(file)).replaceAll("(?s)<!--.*?-->", ""));
            while (m.find()) {
                parameters.add(m.group(1));
            }
            // a parameter inside an EL function, as the coordinator's ${coord:minutes(coordFrequencyMinutes)}
            Matcher inFunction = Pattern.compile("\\$\\{coord:minutes\\(([A-Za-z][A-Za-z0-9_]*)\\)}")
                    .matcher(Files.readString(APP.resolve(file)));
            while (inFunction.find()) {
                parameters.add(inFunction.group(1));
            }
        }
        parameters.remove("nominalTime"); // set by coordinator.xml for each run
        Properties job = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("../job.properties"))) {
            job.load(in);
        }
        String documented = Files.readString(Path.of("../docs/configuration.md"));

        assertThat(parameters).contains("crawlMaxLag", "crawlRecrawl", "crawlRenderTimeout", "coordFrequencyMinutes");
        assertThat(job.stringPropertyNames()).containsAll(parameters);
        assertThat(job.stringPropertyNames()).allSatisfy(key -> assertThat(documented).as("docs/configuration.md")
                .contains("`" + key + "`"));
    }

    private static Element parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static Set<String> namespaces(Path file) throws Exception {
        Set<String> found = new TreeSet<>();
        collect(parse(file), found);
        return found;
    }

    private static void collect(Node node, Set<String> found) {
        if (node.getNamespaceURI() != null) {
            found.add(node.getNamespaceURI());
        }
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            collect(children.item(i), found);
        }
    }
}

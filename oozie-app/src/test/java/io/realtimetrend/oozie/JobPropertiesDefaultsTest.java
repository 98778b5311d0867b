package io.realtimetrend.oozie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * job.properties holds a copy of the java actions' option defaults (an operator changes a selector or a bound there,
 * without a rebuild); a copy that drifted from its option's default would change what a cluster runs, and what
 * {@code bin/realtime-trend crawl} does, apart. Every job.properties value the workflow hands to an option equals
 * that option's default, but for the values that name the cluster's own places and services.
 */
class JobPropertiesDefaultsTest {

    /** Options whose cluster value differs from the command's default on purpose (or that have none). */
    private static final Set<String> CLUSTER_VALUES = Set.of("--data-root", "--nominal-time", "--selenium-url",
            "--bootstrap-servers", "--kafka-properties");

    /** picocli as java-actions' packaged jar holds it. */
    private static final String PACKAGED_PICOCLI = "io.realtimetrend.shaded.picocli.CommandLine";

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)}");

    @ParameterizedTest(name = "{0}: job.properties equals {1}'s defaults")
    @CsvSource({
            "crawl, io.realtimetrend.crawl.CrawlAction, --keyword-selector",
            "publish, io.realtimetrend.publish.PublishAction, --topic"})
    void jobPropertiesHoldTheOptionsDefaults(String action, String mainClass, String someOption) throws Exception {
        Map<String, String> passed = optionProperties(action);
        Object command = Class.forName(mainClass).getDeclaredConstructor().newInstance();
        Properties job = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("../job.properties"))) {
            job.load(in);
        }

        assertThat(passed).containsKey(someOption);
        for (Map.Entry<String, String> option : passed.entrySet()) {
            Optional<String> declaredDefault = defaultValue(command, option.getKey());
            if (!CLUSTER_VALUES.contains(option.getKey())) {
                assertThat(declaredDefault).as("the default of %s, which job.properties %s is passed to", option.getKey(),
                        option.getValue())
                        .contains(job.getProperty(option.getValue()));
            }
        }
    }

    /**
     * The default of {@code option} as declared on {@code command}, empty without a default; fails when the command
     * has no such option. Read through the packaged jar's picocli (relocated, as Oozie runs it), so by reflection.
     */
    private static Optional<String> defaultValue(Object command, String option) throws Exception {
        Class<?> commandLine = Class.forName(PACKAGED_PICOCLI);
        Object spec = commandLine.getMethod("getCommandSpec").invoke(
                commandLine.getConstructor(Object.class).newInstance(command));
        Object declared = spec.getClass().getMethod("findOption", String.class).invoke(spec, option);
        assertThat(declared).as("%s of %s", option, command.getClass().getName()).isNotNull();
        return Optional.ofNullable((String) declared.getClass().getMethod("defaultValue").invoke(declared));
    }

    /** The workflow's {@code <arg>}s of {@code action}: option → the job.properties key of its value. */
    private static Map<String, String> optionProperties(String action) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Element workflow = factory.newDocumentBuilder().parse(Path.of("app/workflow.xml").toFile())
                .getDocumentElement();
        NodeList actions = workflow.getElementsByTagName("action");
        for (int i = 0; i < actions.getLength(); i++) {
            Element node = (Element) actions.item(i);
            if (!node.getAttribute("name").equals(action)) {
                continue;
            }
            NodeList args = node.getElementsByTagName("arg");
            Map<String, String> passed = new LinkedHashMap<>();
            for (int a = 0; a < args.getLength(); a++) {
                String arg = args.item(a).getTextContent().strip();
                // --option=${key}, or --option followed by ${key}
                String[] parts = arg.split("=", 2);
                String value = parts.length == 2 ? parts[1] : a + 1 < args.getLength()
                        ? args.item(a + 1).getTextContent().strip() : "";
                Matcher property = PROPERTY.matcher(value);
                if (parts[0].startsWith("--") && property.matches()) {
                    passed.put(parts[0], property.group(1));
                }
            }
            return passed;
        }
        throw new AssertionError("no action " + action + " in app/workflow.xml");
    }
}

package io.realtimetrend.crawl;

import io.realtimetrend.action.ActionOutput;
import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.contract.TimeFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Runs the crawl action's command line in-process and keeps its exit code, stdout, stderr and capture-output.
 *
 * @param output the capture-output properties Oozie would read back ({@code wf:actionData('crawl')})
 */
record CrawlRun(int exitCode, String stdout, String stderr, Map<String, String> output) {

    /** Runs on time: the clock reads one minute after {@code --nominal-time}. */
    static CrawlRun of(List<String> args) {
        String nominal = args.get(args.indexOf("--nominal-time") + 1);
        return at(TimeFormats.parseInstant(nominal).plus(Duration.ofMinutes(1)), args);
    }

    /** Runs with the wall clock at {@code now}. */
    static synchronized CrawlRun at(Instant now, List<String> args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        String outputProperty = System.getProperty(ActionOutput.OUTPUT_PROPERTIES);
        try {
            Path outputFile = Files.createTempFile("crawl-output", ".properties");
            System.setProperty(ActionOutput.OUTPUT_PROPERTIES, outputFile.toString());
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = CommandLines.execute(new CrawlAction(Clock.fixed(now, ZoneOffset.UTC)), new PrintWriter(err, true),
                    new ArrayList<>(args).toArray(String[]::new));
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(outputFile)) {
                properties.load(in);
            }
            Files.delete(outputFile);
            Map<String, String> output = new TreeMap<>();
            properties.stringPropertyNames().forEach(name -> output.put(name, properties.getProperty(name)));
            return new CrawlRun(code, out.toString(StandardCharsets.UTF_8), err.toString(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.setOut(stdout);
            if (outputProperty == null) {
                System.clearProperty(ActionOutput.OUTPUT_PROPERTIES);
            } else {
                System.setProperty(ActionOutput.OUTPUT_PROPERTIES, outputProperty);
            }
        }
    }
}

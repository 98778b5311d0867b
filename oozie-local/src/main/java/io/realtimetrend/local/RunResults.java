package io.realtimetrend.local;

import io.realtimetrend.contract.DataLayout;
import io.realtimetrend.contract.Slot;
import io.realtimetrend.contract.TimeFormats;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** What a local run prints when its range has run: the last window's trends table and the last message sent. */
final class RunResults {

    private RunResults() {
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
    static void printLastMessage(PrintStream out, RunFiles run, String topic, CoordinatorWatch progress) throws Exception {
        try (var files = Files.list(run.logs())) {
            Optional<Path> last = files.filter(p -> RunFiles.isActionOut(p, "publish"))
                    .filter(p -> p.toFile().length() > 0).max(Comparator.comparing(Path::toString));
            if (last.isPresent()) {
                out.println();
                out.println("message sent to Kafka (topic " + topic + "):");
                out.println(Files.readString(last.get(), StandardCharsets.UTF_8).strip());
                return;
            }
        }
        // on YARN the publish action's output stays in its container's log; Oozie has its capture-output
        Optional<String> published = progress.lastSucceededData("publish");
        if (published.isPresent()) {
            Properties sent = new Properties();
            sent.load(new StringReader(published.get()));
            out.println();
            out.println("message sent to Kafka (wf:actionData('publish')): " + new TreeMap<>(sent));
        }
    }
}

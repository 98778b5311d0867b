package io.realtimetrend.action;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The figures an Oozie java action with {@code <capture-output/>} hands back ({@code wf:actionData}):
 * written as properties to the file Oozie names in {@code oozie.action.output.properties}; outside Oozie a no-op.
 */
public final class ActionOutput {

    /** The system property through which Oozie names the capture-output file. */
    public static final String OUTPUT_PROPERTIES = "oozie.action.output.properties";

    private final Map<String, String> values = new LinkedHashMap<>();

    /** Adds one figure. */
    public ActionOutput put(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    /** Writes the figures when running under Oozie. */
    public void publish() throws IOException {
        String file = System.getProperty(OUTPUT_PROPERTIES);
        if (file == null || file.isBlank()) {
            return;
        }
        Properties properties = new Properties();
        properties.putAll(values);
        try (OutputStream out = Files.newOutputStream(Path.of(file))) {
            properties.store(out, "realtime-trend action output");
        }
    }
}

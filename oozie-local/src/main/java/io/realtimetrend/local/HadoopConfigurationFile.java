package io.realtimetrend.local;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A Hadoop configuration file ({@code *-site.xml}, Oozie's {@code hadoop-conf/default.xml}) written from plain
 * key-value pairs, without Hadoop's {@code Configuration} (whose version differs between local mode's Oozie and the
 * mini cluster's).
 */
public final class HadoopConfigurationFile {

    private HadoopConfigurationFile() {
    }

    /** Writes {@code properties}, in their iteration order, as {@code <configuration>} XML to {@code file}. */
    public static void write(Path file, Map<String, String> properties) throws IOException {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(properties, "properties is null");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n");
            for (Map.Entry<String, String> p : properties.entrySet()) {
                out.write("  <property><name>" + xml(p.getKey()) + "</name><value>" + xml(p.getValue())
                        + "</value></property>\n");
            }
            out.write("</configuration>\n");
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

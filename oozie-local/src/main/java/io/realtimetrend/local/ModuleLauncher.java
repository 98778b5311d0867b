package io.realtimetrend.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A module's launcher description, {@code <module>/target/launcher.properties}: written by the build (the root pom's
 * {@code launcher-description}), read here and by {@code bin/realtime-trend} alike, so both start a module's JVM the
 * same way.
 *
 * @param module      the module directory
 * @param jdkOpens    the JDK 17 opens of the build's {@code jdk17.opens}
 * @param javaOptions the module's own JVM options (a heap size)
 * @param classpath   the module's jar, then its runtime and provided dependencies
 * @param mains       {@code main.NAME} → class
 */
public record ModuleLauncher(String module, List<String> jdkOpens, List<String> javaOptions, String classpath,
                             Map<String, String> mains) {

    /** The description's file name under the module's {@code target/}. */
    static final String FILE = "launcher.properties";

    public ModuleLauncher {
        Objects.requireNonNull(module, "module is null");
        jdkOpens = List.copyOf(jdkOpens);
        javaOptions = List.copyOf(javaOptions);
        Objects.requireNonNull(classpath, "classpath is null");
        mains = Map.copyOf(mains);
    }

    /** Reads module {@code module}'s description under the build's {@code root}. */
    static ModuleLauncher read(Path root, String module) throws IOException {
        Path file = ModuleJvm.requireBuilt(root.resolve(module).resolve("target").resolve(FILE));
        Properties description = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            description.load(in);
        }
        Map<String, String> mains = description.stringPropertyNames().stream().filter(key -> key.startsWith("main."))
                .collect(Collectors.toMap(key -> key.substring("main.".length()), description::getProperty));
        return new ModuleLauncher(module, words(description.getProperty("jdk.opens", "")),
                words(description.getProperty("java.options", "")), description.getProperty("classpath", ""), mains);
    }

    /** The class {@code main} names: a class name as is, else the description's {@code main.NAME}. */
    String mainClass(ModuleMain main) throws IOException {
        if (main.namesAClass()) {
            return main.main();
        }
        String className = mains.get(main.main());
        if (className == null) {
            throw new IOException(module + "/target/" + FILE + " names no main." + main.main()
                    + ": rebuild (mvn -DskipTests package)");
        }
        return className;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }
}

package io.realtimetrend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-data sharing as local mode uses it, with real JVMs: the first successful run writes the archive, the next
 * maps it (its classes come from the shared archive), a failed run leaves none, and a rebuilt jar gets a new one.
 */
class ClassDataArchiveTest {

    /** The child's main: loads a few classes and says hello; exits 3 when asked to fail. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello " + java.time.LocalDate.EPOCH + " " + new java.util.TreeMap<>(java.util.Map.of("a", 1)));
            if (args.length > 0) {
                System.exit(3);
            }
        }
    }

    @TempDir
    Path dir;

    private Path jar;

    @BeforeEach
    void jarOfTheChild() throws Exception {
        Path classes = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String entry = Hello.class.getName().replace('.', '/') + ".class";
        jar = dir.resolve("hello.jar");
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow();
        assertThat(tool.run(System.out, System.err, "--create", "--file", jar.toString(), "-C", classes.toString(), entry))
                .isZero();
    }

    private record Run(int exitCode, String stdout) {
    }

    private Run java(List<String> options, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", jar.toString(), Hello.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), out);
    }

    private ClassDataArchive archive() throws Exception {
        return ClassDataArchive.of(dir.resolve("cds"), Hello.class.getName(), List.of("-Xmx64m"), jar.toString());
    }

    @Test
    void firstRunWritesTheArchiveAndTheNextMapsIt() throws Exception {
        ClassDataArchive first = archive();
        List<String> writing = first.jvmOptions();
        assertThat(writing).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        Run run = java(writing);
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).as("no CDS notes on the action's stdout").isEqualTo("hello 1970-01-01 {a=1}\n");
        first.finished(true);
        assertThat(first.archive()).isRegularFile();
        assertThat(first.pending()).doesNotExist();

        ClassDataArchive second = archive();
        assertThat(second.archive()).isEqualTo(first.archive());
        List<String> mapping = new ArrayList<>(second.jvmOptions());
        assertThat(mapping).contains("-XX:SharedArchiveFile=" + first.archive());
        mapping.add("-Xlog:class+load=info");
        Run mapped = java(mapping);
        assertThat(mapped.exitCode()).isZero();
        assertThat(mapped.stdout().lines().filter(l -> l.contains(" " + Hello.class.getName() + " ")))
                .singleElement().asString().contains("shared objects file (top)");
    }

    @Test
    void aFailedRunLeavesNoArchive() throws Exception {
        ClassDataArchive archive = archive();
        Run run = java(archive.jvmOptions(), "fail");
        assertThat(run.exitCode()).isEqualTo(3);
        archive.finished(false);
        assertThat(archive.archive()).doesNotExist();
        try (var files = Files.list(dir.resolve("cds"))) {
            assertThat(files).as("nothing left in the archive directory").isEmpty();
        }
    }

    @Test
    void aRebuiltJarNeverMeetsTheOldArchive() throws Exception {
        ClassDataArchive before = archive();
        assertThat(java(before.jvmOptions()).exitCode()).isZero();
        before.finished(true);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        ClassDataArchive after = archive();
        assertThat(after.archive()).isNotEqualTo(before.archive());
        assertThat(after.jvmOptions()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    }
}

package io.realtimetrend.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and {@code docs/} as a reader follows them: every relative link names a file of the repository (and a
 * heading of it, when it names one), and no file of the repository points at a path outside it.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** A markdown link's target: {@code [text](target)}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    /** The files a clone holds that are text a reader or a build reads. */
    private static final Set<String> TEXT = Set.of("md", "java", "xml", "hql", "properties", "sh", "txt");

    @Test
    void everyRelativeLinkOfTheReadmeAndDocsResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved) || !resolved.startsWith(ROOT)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
                } else if (target.contains("#") && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(target.substring(target.indexOf('#') + 1))) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(pages()).hasSizeGreaterThan(5);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void noFileOfTheRepositoryCitesAPathOutsideIt() throws IOException {
        String outside = String.join("/", "..", "shared") + "/";
        List<String> citing;
        try (Stream<Path> files = Files.walk(ROOT)) {
            citing = files.filter(DocumentationLinksTest::readable).filter(file -> contains(file, outside))
                    .map(file -> ROOT.relativize(file).toString()).toList();
        }
        assertThat(citing).as("files citing " + outside).isEmpty();
    }

    /** README.md and every page under docs/. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The anchors a markdown renderer gives the headings of {@code page}, GitHub's way. */
    private static Set<String> anchors(Path page) throws IOException {
        return Files.readAllLines(page, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    /** A text file of the repository, not under a build's output or Git's own directory. */
    private static boolean readable(Path file) {
        String relative = ROOT.relativize(file).toString();
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !relative.startsWith(".git/") && !relative.contains("target/")
                && TEXT.contains(name.substring(name.lastIndexOf('.') + 1));
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}

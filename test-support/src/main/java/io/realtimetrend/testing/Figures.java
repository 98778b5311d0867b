package io.realtimetrend.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Benchmark figures: printed, and appended to target/benchmark-figures.txt, which bin/test shows at the end. */
public final class Figures {

    private Figures() {
    }

    /** Records one figure, e.g. {@code report("crawl", "cold crawl 4.8 s (target ≤ 6 s)")}. */
    public static void report(String benchmark, String figure) throws IOException {
        String line = "[benchmark] " + benchmark + ": " + figure + System.lineSeparator();
        System.out.print(line);
        Files.writeString(Path.of("target", "benchmark-figures.txt"), line,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

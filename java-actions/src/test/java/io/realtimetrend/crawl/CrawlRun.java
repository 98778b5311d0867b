package io.realtimetrend.crawl;

import io.realtimetrend.contract.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the crawl action's command line in-process and keeps its exit code and stderr. */
record CrawlRun(int exitCode, String stderr) {

    static CrawlRun of(List<String> args) {
        StringWriter err = new StringWriter();
        int code = CommandLines.execute(new CrawlAction(), new PrintWriter(err, true), new ArrayList<>(args).toArray(String[]::new));
        return new CrawlRun(code, err.toString());
    }
}

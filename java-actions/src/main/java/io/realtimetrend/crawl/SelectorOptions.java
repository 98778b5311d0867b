package io.realtimetrend.crawl;

import picocli.CommandLine.Option;

/**
 * Where the ranking stands on signal.bz's page, read into {@link PageSelectors}; a mixin of {@link CrawlAction}.
 * The defaults are the one place the selectors of today's page are written.
 */
public final class SelectorOptions {

    @Option(names = "--keyword-selector", defaultValue = "span.rank-text", description = "CSS of keyword elements (default: ${DEFAULT-VALUE}).") String keywordSelector;
    @Option(names = "--rank-selector", defaultValue = "span.rank-num", description = "CSS of the rank inside a row (default: ${DEFAULT-VALUE}).") String rankSelector;
    @Option(names = "--state-selector", defaultValue = "span.rank-state", description = "CSS of the up/down/same/new indicator inside a row (default: ${DEFAULT-VALUE}).") String stateSelector;

    PageSelectors selectors() {
        return new PageSelectors(keywordSelector, rankSelector, stateSelector);
    }
}

package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RankingValidatorTest {

    private final RankingValidator validator = new RankingValidator(10);

    private static List<RawEntry> ten() {
        return new ArrayList<>(IntStream.rangeClosed(1, 10)
                .mapToObj(i -> new RawEntry(String.valueOf(i), "kw" + i, "rank-state up")).toList());
    }

    @Test
    void keywordsAreTrimmedAndInnerWhitespaceCollapsed() throws Exception {
        List<RawEntry> rows = ten();
        rows.set(0, new RawEntry(" 1 ", " \u00a0앞뒤\t  공백\n키워드\u200b ", "new"));

        RankedKeyword first = validator.validate(rows).get(0);

        assertThat(first.keyword()).isEqualTo("앞뒤 공백 키워드");
        assertThat(first.state()).isEqualTo(KeywordState.NEW);
    }

    @Test
    void rowsAreReturnedInRankOrderWhateverThePageOrder() throws Exception {
        List<RawEntry> rows = ten();
        java.util.Collections.reverse(rows);

        assertThat(validator.validate(rows)).extracting(RankedKeyword::rank)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void fewerThanMinRanksIsRejected() {
        assertThatThrownBy(() -> validator.validate(ten().subList(0, 7)))
                .isInstanceOf(InvalidRankingException.class)
                .hasMessage("ranking has 7 entries, fewer than minRanks=10");
    }

    @Test
    void duplicateRankIsRejected() {
        List<RawEntry> rows = ten();
        rows.set(4, new RawEntry("4", "kw5", ""));

        assertThatThrownBy(() -> validator.validate(rows)).hasMessage("duplicate rank 4 (row 5)");
    }

    @Test
    void gapInRanksIsRejected() {
        List<RawEntry> rows = ten();
        rows.set(9, new RawEntry("11", "kw10", ""));

        assertThatThrownBy(() -> validator.validate(rows)).hasMessage("missing rank 10: ranks must be 1..10");
    }

    @Test
    void emptyKeywordIsRejected() {
        List<RawEntry> rows = ten();
        rows.set(2, new RawEntry("3", " \u00a0 ", ""));

        assertThatThrownBy(() -> validator.validate(rows)).hasMessage("empty keyword at rank 3");
    }

    @Test
    void nonNumericRankIsRejected() {
        List<RawEntry> rows = ten();
        rows.set(0, new RawEntry("first", "kw1", ""));

        assertThatThrownBy(() -> validator.validate(rows)).hasMessage("row 1: rank 'first' is not a number");
    }

    @Test
    void indicatorsMapToTheContractsStates() {
        assertThat(KeywordState.fromIndicator("rank-state up ▲")).isEqualTo(KeywordState.UP);
        assertThat(KeywordState.fromIndicator("rank-state down")).isEqualTo(KeywordState.DOWN);
        assertThat(KeywordState.fromIndicator("rank-state same -")).isEqualTo(KeywordState.SAME);
        assertThat(KeywordState.fromIndicator("NEW")).isEqualTo(KeywordState.NEW);
        assertThat(KeywordState.fromIndicator("+")).isEqualTo(KeywordState.UP);
        assertThat(KeywordState.fromIndicator("sparkle")).isEqualTo(KeywordState.NONE);
        assertThat(KeywordState.fromIndicator("")).isEqualTo(KeywordState.NONE);
    }
}

package io.realtimetrend.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realtimetrend.contract.SnapshotColumns;
import java.text.Normalizer;
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
    void composedAndDecomposedFormsOfAWordAreOneKeyword() throws Exception {
        String hangulNfd = Normalizer.normalize("한국", Normalizer.Form.NFD);
        String cafeNfd = "cafe\u0301";
        assertThat(hangulNfd).hasSize(6).isNotEqualTo("한국");
        List<RawEntry> rows = ten();
        rows.set(0, new RawEntry("1", "한국", ""));
        rows.set(1, new RawEntry("2", hangulNfd, ""));
        rows.set(2, new RawEntry("3", "caf\u00e9", ""));
        rows.set(3, new RawEntry("4", cafeNfd, ""));

        List<String> keywords = validator.validate(rows).stream().map(RankedKeyword::keyword).toList();

        assertThat(keywords.subList(0, 4)).containsExactly("한국", "한국", "caf\u00e9", "caf\u00e9");
        // the analysis counts a keyword once per snapshot: the two forms are one keyword
        assertThat(keywords.stream().distinct()).hasSize(8);
    }

    @Test
    void controlAndFormatCharactersAreRemovedButTabsAndLineBreaksStaySpaces() {
        assertThat(RankingValidator.normalizeKeyword("nul\u0000byte")).isEqualTo("nulbyte");
        assertThat(RankingValidator.normalizeKeyword("\u202Eevil\u202C \u200Fmark\u200E")).isEqualTo("evil mark");
        assertThat(RankingValidator.normalizeKeyword("\u2066iso\u2069 zero\u200Bwidth\u200C\u200D")).isEqualTo("iso zerowidth");
        assertThat(RankingValidator.normalizeKeyword("\uFEFFsoft\u00ADhyphen\u0007")).isEqualTo("softhyphen");
        assertThat(RankingValidator.normalizeKeyword("tab\tnew\nline\r\nend")).isEqualTo("tab new line end");
        assertThat(RankingValidator.normalizeKeyword("a \u200B b")).isEqualTo("a b");
        assertThat(RankingValidator.normalizeKeyword("e\u200D\u0301")).isEqualTo("\u00e9");
    }

    @Test
    void longKeywordIsCutToTheContractsLengthWithoutSplittingASurrogatePair() {
        String emoji = "🎉";
        String keyword = "가".repeat(99) + emoji + "나".repeat(49);
        assertThat(keyword).hasSize(150);

        String stored = RankingValidator.normalizeKeyword(keyword);

        assertThat(stored.codePointCount(0, stored.length())).isEqualTo(SnapshotColumns.MAX_KEYWORD_LENGTH);
        assertThat(stored).isEqualTo("가".repeat(99) + emoji).endsWith(emoji);
        assertThat(RankingValidator.normalizeKeyword("가".repeat(100) + emoji)).isEqualTo("가".repeat(100));
        assertThat(RankingValidator.normalizeKeyword("가".repeat(99) + " " + "나".repeat(10))).isEqualTo("가".repeat(99));
    }

    @Test
    void keywordOfOnlyInvisibleCharactersIsEmptyAndRejected() {
        List<RawEntry> rows = ten();
        rows.set(2, new RawEntry("3", "\u200B\u200F\u0000", ""));

        assertThatThrownBy(() -> validator.validate(rows)).hasMessage("empty keyword at rank 3");
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

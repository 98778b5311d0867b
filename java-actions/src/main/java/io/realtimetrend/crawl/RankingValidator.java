package io.realtimetrend.crawl;

import io.realtimetrend.contract.SnapshotColumns;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns raw rows into a valid ranking or says exactly what is wrong: ranks 1..N unique and contiguous,
 * N at least {@code minRanks}, keywords normalized ({@link #normalizeKeyword}) and non-empty. Every source's rows
 * go through here, so the browser and the JSON API store the same keyword for the same text.
 */
public final class RankingValidator {

    private static final Pattern WHITESPACE = Pattern.compile("\\p{IsWhite_Space}+");
    /**
     * Control, format and unpaired surrogate code points (NUL, bidi marks, zero-width characters, BOM, soft hyphen)
     * other than whitespace: tabs and line breaks are whitespace and become a space, they do not glue words together.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[[\\p{Cc}\\p{Cf}\\p{Cs}]&&[^\\p{IsWhite_Space}]]");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,4}");

    private final int minRanks;

    public RankingValidator(int minRanks) {
        if (minRanks < 1) {
            throw new IllegalArgumentException("minRanks must be positive: " + minRanks);
        }
        this.minRanks = minRanks;
    }

    /**
     * Keyword as stored (docs/contract.md section 1): control and format characters removed, every run of whitespace
     * (Unicode, NBSP included) one space, Unicode NFC (so the composed and decomposed forms of a word are one
     * keyword), at most {@link SnapshotColumns#MAX_KEYWORD_LENGTH} code points, trimmed.
     */
    public static String normalizeKeyword(String keyword) {
        String visible = INVISIBLE.matcher(keyword).replaceAll("");
        // NFC after the removal: a format character between a letter and its combining mark hides a composition
        String text = Normalizer.normalize(WHITESPACE.matcher(visible).replaceAll(" ").strip(), Normalizer.Form.NFC);
        if (text.codePointCount(0, text.length()) > SnapshotColumns.MAX_KEYWORD_LENGTH) {
            text = text.substring(0, text.offsetByCodePoints(0, SnapshotColumns.MAX_KEYWORD_LENGTH)).strip();
        }
        return text;
    }

    /** The ranking sorted by rank, or the first reason it is not one. */
    public List<RankedKeyword> validate(List<RawEntry> rows) throws InvalidRankingException {
        if (rows.size() < minRanks) {
            throw new InvalidRankingException("ranking has " + rows.size() + " entries, fewer than minRanks=" + minRanks);
        }
        List<RankedKeyword> ranking = new ArrayList<>(rows.size());
        Set<Integer> seen = new HashSet<>();
        for (int row = 0; row < rows.size(); row++) {
            RawEntry raw = rows.get(row);
            String rankText = normalizeKeyword(raw.rank());
            if (!DIGITS.matcher(rankText).matches()) {
                throw new InvalidRankingException("row " + (row + 1) + ": rank '" + rankText + "' is not a number");
            }
            int rank = Integer.parseInt(rankText);
            if (!seen.add(rank)) {
                throw new InvalidRankingException("duplicate rank " + rank + " (row " + (row + 1) + ")");
            }
            String keyword = normalizeKeyword(raw.keyword());
            if (keyword.isEmpty()) {
                throw new InvalidRankingException("empty keyword at rank " + rank);
            }
            ranking.add(new RankedKeyword(rank, keyword, KeywordState.fromIndicator(raw.indicator())));
        }
        ranking.sort(Comparator.comparingInt(RankedKeyword::rank));
        for (int i = 0; i < ranking.size(); i++) {
            if (ranking.get(i).rank() != i + 1) {
                throw new InvalidRankingException("missing rank " + (i + 1) + ": ranks must be 1.." + ranking.size());
            }
        }
        return List.copyOf(ranking);
    }
}

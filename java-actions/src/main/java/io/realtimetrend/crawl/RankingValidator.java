package io.realtimetrend.crawl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns raw rows into a valid ranking or says exactly what is wrong: ranks 1..N unique and contiguous,
 * N at least {@code minRanks}, keywords trimmed with inner whitespace collapsed and non-empty.
 */
public final class RankingValidator {

    private static final Pattern WHITESPACE = Pattern.compile("[\\p{IsWhite_Space}\\u200B\\uFEFF]+");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,4}");

    private final int minRanks;

    public RankingValidator(int minRanks) {
        if (minRanks < 1) {
            throw new IllegalArgumentException("minRanks must be positive: " + minRanks);
        }
        this.minRanks = minRanks;
    }

    /** Keyword as stored: trimmed, every run of whitespace (Unicode, NBSP included) one space. */
    public static String normalizeKeyword(String keyword) {
        return WHITESPACE.matcher(keyword).replaceAll(" ").strip();
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

package io.realtimetrend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendsCsvTest {

    private static final ZonedDateTime END = ZonedDateTime.of(2026, 11, 26, 18, 10, 0, 0, ZoneId.of("Asia/Seoul"));

    private static final List<TrendRow> ROWS = List.of(
            new TrendRow(END, 1, "삼성전자, 주가", 6, 6, new BigDecimal("100.0"), new BigDecimal("2.50"), 2, 3),
            new TrendRow(END, 2, "\"따옴표\" 검색어", 4, 6, new BigDecimal("66.7"), new BigDecimal("1.75"), 1, null));

    @Test
    void writesTheContractHeaderAndQuotedRFC4180Rows() throws IOException {
        StringWriter out = new StringWriter();

        TrendsCsv.write(out, ROWS);

        assertThat(out.toString()).isEqualTo(String.join(",", TrendColumns.HEADER) + "\r\n"
                + "2026-11-26 18:10:00,1,\"삼성전자, 주가\",6,6,100.0,2.50,2,3\r\n"
                + "2026-11-26 18:10:00,2,\"\"\"따옴표\"\" 검색어\",4,6,66.7,1.75,1,\r\n");
    }

    @Test
    void keywordsASpreadsheetWouldEvaluateAreWrittenAsTextAndReadBackIntact() throws Exception {
        List<String> keywords = List.of("=1+1", "+82 전화", "-5도 한파", "@멘션", "'=이미", "'인용'", "a=b", "1+1");
        List<TrendRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < keywords.size(); i++) {
            rows.add(new TrendRow(END, i + 1, keywords.get(i), 6, 6, new BigDecimal("100.0"), new BigDecimal("1.00"), 1, 1));
        }
        StringWriter out = new StringWriter();

        TrendsCsv.write(out, rows);

        assertThat(out.toString().lines().skip(1).map(line -> line.split(",")[2]))
                .containsExactly("'=1+1", "'+82 전화", "'-5도 한파", "'@멘션", "''=이미", "'인용'", "a=b", "1+1");
        assertThat(TrendsCsv.read(new StringReader(out.toString()), "trends.csv", END)).isEqualTo(rows);
    }

    @Test
    void readsWhatItWrites() throws Exception {
        StringWriter out = new StringWriter();
        TrendsCsv.write(out, ROWS);

        assertThat(TrendsCsv.read(new StringReader(out.toString()), "trends.csv", END)).isEqualTo(ROWS);
    }

    @Test
    void saysWhereAFileBreaksTheContract() {
        String header = String.join(",", TrendColumns.HEADER) + "\n";

        assertThatThrownBy(() -> TrendsCsv.read(new StringReader(header + "2026-11-26 18:10:00,1,날씨,six,6,100.0,1.00,1,1\n"),
                "f.csv", END)).isInstanceOf(MalformedTrendsException.class).hasMessageStartingWith("f.csv line 2: not a number");
        assertThatThrownBy(() -> TrendsCsv.read(new StringReader(header + "2026-11-26 18:20:00,1,날씨,6,6,100.0,1.00,1,1\n"),
                "f.csv", END)).hasMessage("f.csv line 2: window_end 2026-11-26 18:20:00 is not 2026-11-26 18:10:00");
        assertThatThrownBy(() -> TrendsCsv.read(new StringReader(header), "f.csv", END)).hasMessage("f.csv: no rows");
        assertThatThrownBy(() -> TrendsCsv.read(new StringReader("a,b\n1,2\n"), "f.csv", END))
                .hasMessageStartingWith("f.csv: header [a, b] is not");
    }
}

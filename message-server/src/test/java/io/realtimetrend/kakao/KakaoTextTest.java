package io.realtimetrend.kakao;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KakaoTextTest {

    private static final String HEADER = "[최근 1시간 인기 검색어] \n기준시간: 26/11/26 18:10:00 \n";

    @Test
    void shortTextIsUnchanged() {
        String text = HEADER + " 1.  날씨\n 2.  손흥민";

        assertThat(KakaoText.fit(text, 200)).isEqualTo(text);
    }

    @Test
    void thirtyLongItemsLoseWholeItemsFromTheBottomAndEndWithAnEllipsis() {
        String text = HEADER + IntStream.rangeClosed(1, 30)
                .mapToObj(i -> String.format("%2d.  아주 긴 검색어 번호 %d 🎉", i, i)).collect(Collectors.joining("\n"));

        String fitted = KakaoText.fit(text, 200);

        assertThat(fitted.codePointCount(0, fitted.length())).isLessThanOrEqualTo(200);
        assertThat(fitted).startsWith(HEADER + " 1.  아주 긴 검색어 번호 1 🎉\n").endsWith("\n…");
        String[] lines = fitted.split("\n");
        for (int i = 2; i < lines.length - 1; i++) {
            assertThat(lines[i]).isEqualTo(String.format("%2d.  아주 긴 검색어 번호 %d 🎉", i - 1, i - 1));
        }
        String longer = KakaoText.fit(text, 250);
        assertThat(longer.split("\n").length).isGreaterThan(lines.length);
    }

    @Test
    void quietHoursMayWrapMidnight() {
        QuietHours night = QuietHours.parse("23:00-07:00");

        assertThat(night.contains(LocalTime.of(23, 30))).isTrue();
        assertThat(night.contains(LocalTime.of(3, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(7, 0))).isFalse();
        assertThat(QuietHours.parse("01:00-07:00").contains(LocalTime.of(0, 50))).isFalse();
    }
}

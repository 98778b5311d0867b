package io.realtimetrend.kakao;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether one trend is sent and sends it through the {@link Messenger}: dedupe by key, the age limit, quiet
 * hours, same-ranking suppression. A key is saved as in doubt in the delivery state before the call, and as sent
 * (or cleared, when the call certainly failed) before the caller commits its offset; a key left in doubt is never
 * sent again.
 */
public final class Deliverer {

    /** What is sent; see {@code bin/realtime-trend message-server --help}. */
    public record Settings(boolean everyWindow, Optional<QuietHours> quietHours, ZoneId zone, Duration maxAge) {

        public Settings {
            Objects.requireNonNull(quietHours, "quietHours is null");
            Objects.requireNonNull(zone, "zone is null");
            Objects.requireNonNull(maxAge, "maxAge is null");
        }
    }

    private final Messenger messenger;
    private final DeliveryState state;
    private final Settings settings;
    private final Clock clock;

    public Deliverer(Messenger messenger, DeliveryState state, Settings settings, Clock clock) {
        this.messenger = Objects.requireNonNull(messenger, "messenger is null");
        this.state = Objects.requireNonNull(state, "state is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /**
     * Delivers {@code notice} or says why not; throws when its offset must not be committed, for the DLQ, or when
     * the send is in doubt (then the key stays recorded in doubt).
     */
    public Outcome deliver(TrendNotice notice) throws UndeliverableException, UnavailableException,
            QuotaExceededException, SendRefusedException, DeliveryInDoubtException, IOException {
        if (state.alreadySent(notice.key())) {
            return Outcome.ALREADY_SENT;
        }
        if (state.inDoubt(notice.key())) {
            return Outcome.IN_DOUBT;
        }
        ZonedDateTime windowEnd = notice.windowEnd().withZoneSameInstant(settings.zone());
        if (windowEnd.toInstant().isBefore(clock.instant().minus(settings.maxAge()))) {
            return Outcome.STALE;
        }
        if (settings.quietHours().isPresent() && settings.quietHours().get().contains(windowEnd.toLocalTime())) {
            state.heldBack();
            return Outcome.QUIET_HOURS;
        }
        if (!settings.everyWindow() && !state.heldInQuietHours() && notice.keywords().equals(state.lastKeywords())) {
            return Outcome.SAME_RANKING;
        }
        state.sending(notice.key());
        try {
            messenger.send(notice.text());
        } catch (DeliveryInDoubtException e) {
            throw e;
        } catch (Exception e) {
            state.notSent(notice.key());
            throw e;
        }
        state.sent(notice.key(), notice.keywords());
        return Outcome.SENT;
    }
}

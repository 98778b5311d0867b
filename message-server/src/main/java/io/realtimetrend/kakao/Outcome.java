package io.realtimetrend.kakao;

/** What became of one message; every outcome but a transient failure commits its offset. */
public enum Outcome {
    /** Sent to Kakao (or printed, in dry-run mode). */
    SENT,
    /** Its key was sent before (a redelivery after a crash). */
    ALREADY_SENT,
    /** Its window ended longer ago than {@code --max-age}: news no one wants any more (a new group, a long outage). */
    STALE,
    /** Same ranked keywords as the last message sent. */
    SAME_RANKING,
    /** Inside quiet hours: held back; the first window after them is sent. */
    QUIET_HOURS,
    /** Its send was started before and never answered (a timeout, a 502/504, a crash during the call): not resent. */
    IN_DOUBT
}

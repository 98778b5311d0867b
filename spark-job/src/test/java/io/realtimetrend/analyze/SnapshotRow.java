package io.realtimetrend.analyze;

import java.time.LocalDateTime;

/** One row of one snapshot, as test data: wall-clock time (KST), rank, keyword. */
record SnapshotRow(LocalDateTime time, int rank, String keyword) {
}

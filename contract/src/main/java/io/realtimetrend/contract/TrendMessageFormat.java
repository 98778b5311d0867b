package io.realtimetrend.contract;

/** The Kafka message of docs/contract.md section 4 as producer and consumer both know it: topic default and version. */
public final class TrendMessageFormat {

    /** The topic of the hourly message unless configured otherwise. */
    public static final String DEFAULT_TOPIC = "recent_topics";

    /** The {@code schema_version} written and understood; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    private TrendMessageFormat() {
    }
}

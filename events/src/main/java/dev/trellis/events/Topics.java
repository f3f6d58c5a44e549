package dev.trellis.events;

import java.util.List;

/** Kafka topic names of the public event contract. One topic per source aggregate type. */
public final class Topics {
    public static final String PROFILE = "trellis.profile.events";
    public static final String INVITATION = "trellis.invitation.events";
    public static final String CONNECTION = "trellis.connection.events";
    public static final String RECOMMENDATION = "trellis.recommendation.events";
    public static final String NOTIFICATION = "trellis.notification.events";

    /** Every public event topic. */
    public static final List<String> ALL = List.of(PROFILE, INVITATION, CONNECTION, RECOMMENDATION, NOTIFICATION);

    /** Dead-letter topic of a consuming service ("trellis.dlq.notification"). */
    public static String deadLetter(String service) {
        return "trellis.dlq." + service;
    }

    /** Every service's dead-letter topic. */
    public static final List<String> DEAD_LETTERS = List.of(
            deadLetter("profile"), deadLetter("invitation"), deadLetter("connection"),
            deadLetter("recommendation"), deadLetter("notification"));

    private Topics() {
    }
}

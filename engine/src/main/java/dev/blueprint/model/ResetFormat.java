package dev.blueprint.model;

/** What a rate-limit reset header's value means. */
public enum ResetFormat {
    /** UTC seconds since the epoch (GitHub). */
    EPOCH_SECONDS,
    /** UTC milliseconds since the epoch. */
    EPOCH_MILLIS,
    /** Seconds from now (Zendesk's {@code ratelimit-reset}). */
    DELTA_SECONDS,
    /** An RFC 9110 HTTP-date. */
    HTTP_DATE,
    /** Decided per value: a date, or a number read by its magnitude. */
    AUTO
}

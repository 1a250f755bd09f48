package dev.blueprint.internal.ratelimit;

import dev.blueprint.model.ResetFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the time formats rate-limit headers use. Unreadable values are ignored, never fatal. */
final class TimeValues {
    /** Numbers at least this large are epoch milliseconds (year 2001 onwards in millis). */
    private static final BigDecimal EPOCH_MILLIS_FLOOR = new BigDecimal("1000000000000");
    /** Numbers at least this large are epoch seconds (2001-09-09 onwards); smaller ones are delays. */
    private static final BigDecimal EPOCH_SECONDS_FLOOR = new BigDecimal("1000000000");

    private TimeValues() {
    }

    /** RFC 9110 §10.2.3 Retry-After: delay-seconds (Shopify sends decimals) or an HTTP-date. */
    static Optional<Instant> retryAfter(String value, Instant now) {
        return number(value).map(seconds -> plusSeconds(now, seconds)).or(() -> httpDate(value));
    }

    static Optional<Instant> reset(String value, ResetFormat format, Instant now) {
        return switch (format) {
            case EPOCH_SECONDS -> number(value).map(s -> epochMillis(s.movePointRight(3)));
            case EPOCH_MILLIS -> number(value).map(TimeValues::epochMillis);
            case DELTA_SECONDS -> number(value).map(s -> plusSeconds(now, s));
            case HTTP_DATE -> httpDate(value);
            case AUTO -> number(value).map(n -> byMagnitude(n, now)).or(() -> httpDate(value)).or(() -> isoDate(value));
        };
    }

    private static Instant byMagnitude(BigDecimal n, Instant now) {
        if (n.compareTo(EPOCH_MILLIS_FLOOR) >= 0) {
            return epochMillis(n);
        }
        if (n.compareTo(EPOCH_SECONDS_FLOOR) >= 0) {
            return epochMillis(n.movePointRight(3));
        }
        return plusSeconds(now, n);
    }

    static Optional<BigDecimal> number(String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > 30) {
            return Optional.empty();
        }
        try {
            BigDecimal n = new BigDecimal(trimmed);
            return n.signum() < 0 ? Optional.of(BigDecimal.ZERO) : Optional.of(n);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> isoDate(String value) {
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            try {
                // Some APIs (Outreach's 429 message) give a local ISO time without a zone: read it as UTC.
                return Optional.of(LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    private static Instant plusSeconds(Instant now, BigDecimal seconds) {
        return now.plusMillis(seconds.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact());
    }

    private static Instant epochMillis(BigDecimal millis) {
        return Instant.ofEpochMilli(millis.setScale(0, java.math.RoundingMode.CEILING).longValueExact());
    }
}

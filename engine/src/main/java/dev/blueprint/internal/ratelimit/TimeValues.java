package dev.blueprint.internal.ratelimit;

import dev.blueprint.model.ResetFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses the time formats rate-limit headers use. Unreadable values are ignored, never fatal; numbers are read with
 * saturating arithmetic, so a provider's {@code 1e20} means "as late as the engine counts", never an overflow.
 */
final class TimeValues {
    /** The latest any provider time is taken to be: a century from now. Later values are read as this. */
    static final Duration HORIZON = Duration.ofDays(36_525);
    private static final BigDecimal HORIZON_MILLIS = BigDecimal.valueOf(HORIZON.toMillis());
    /** More digits after the point than any clock needs: such a number is unreadable. */
    private static final int MAX_FRACTION_DIGITS = 64;
    /** Numbers at least this large are epoch milliseconds (year 2001 onwards in millis). */
    private static final BigDecimal EPOCH_MILLIS_FLOOR = new BigDecimal("1000000000000");
    /** Numbers at least this large are epoch seconds (2001-09-09 onwards); smaller ones are delays. */
    private static final BigDecimal EPOCH_SECONDS_FLOOR = new BigDecimal("1000000000");

    /**
     * RFC 850's two-digit year: RFC 9110 says a year more than 50 years in the future is the most recent past year with
     * the same last two digits; a base of the current year minus 50 does that.
     */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEEE, dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, Year.now(ZoneOffset.UTC).getValue() - 50)
            .appendPattern(" HH:mm:ss").toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("EEE MMM d HH:mm:ss yyyy").toFormatter(Locale.ENGLISH);

    private TimeValues() {
    }

    /** RFC 9110 §10.2.3 Retry-After: delay-seconds (Shopify sends decimals) or an HTTP-date. */
    static Optional<Instant> retryAfter(String value, Instant now) {
        return number(value).map(seconds -> plusSeconds(now, seconds)).or(() -> httpDate(value));
    }

    static Optional<Instant> reset(String value, ResetFormat format, Instant now) {
        long whole = plainDigits(value, 15); // times 1000 still fits a long
        if (whole >= 0 && format != ResetFormat.HTTP_DATE) {
            return Optional.of(resetOf(whole, format, now)); // the common case, in long arithmetic, same rules as below
        }
        return switch (format) {
            case EPOCH_SECONDS -> number(value).map(s -> epochMillis(s.movePointRight(3), now));
            case EPOCH_MILLIS -> number(value).map(millis -> epochMillis(millis, now));
            case DELTA_SECONDS -> number(value).map(s -> plusSeconds(now, s));
            case HTTP_DATE -> httpDate(value);
            case AUTO -> number(value).map(n -> byMagnitude(n, now)).or(() -> httpDate(value)).or(() -> isoDate(value));
        };
    }

    private static Instant resetOf(long n, ResetFormat format, Instant now) {
        long latest = now.toEpochMilli() + HORIZON.toMillis();
        return switch (format) {
            case EPOCH_SECONDS -> Instant.ofEpochMilli(Math.min(n * 1000, latest));
            case EPOCH_MILLIS -> Instant.ofEpochMilli(Math.min(n, latest));
            case DELTA_SECONDS -> now.plusMillis(Math.min(n * 1000, HORIZON.toMillis()));
            case AUTO -> n >= EPOCH_MILLIS_FLOOR.longValue() ? Instant.ofEpochMilli(Math.min(n, latest))
                    : n >= EPOCH_SECONDS_FLOOR.longValue() ? Instant.ofEpochMilli(Math.min(n * 1000, latest))
                    : now.plusMillis(Math.min(n * 1000, HORIZON.toMillis()));
            case HTTP_DATE -> throw new IllegalArgumentException("not a number format");
        };
    }

    /** The value as a whole number when it is 1 to {@code maxDigits} plain digits (spaces around allowed), else -1. */
    static long plainDigits(String value, int maxDigits) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        if (end == start || end - start > maxDigits) {
            return -1;
        }
        long n = 0;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static Instant byMagnitude(BigDecimal n, Instant now) {
        if (n.compareTo(EPOCH_MILLIS_FLOOR) >= 0) {
            return epochMillis(n, now);
        }
        if (n.compareTo(EPOCH_SECONDS_FLOOR) >= 0) {
            return epochMillis(n.movePointRight(3), now);
        }
        return plusSeconds(now, n);
    }

    static Optional<BigDecimal> number(String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > 30) {
            return Optional.empty();
        }
        if (trimmed.length() <= 18 && digitsOnly(trimmed)) {
            return Optional.of(BigDecimal.valueOf(Long.parseLong(trimmed))); // the common case: plain digits, no parser
        }
        try {
            BigDecimal n = new BigDecimal(trimmed);
            if (n.scale() > MAX_FRACTION_DIGITS) {
                return Optional.empty(); // 1e-999999999: rounding it would cost a billion-digit division
            }
            return n.signum() < 0 ? Optional.of(BigDecimal.ZERO) : Optional.of(n);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean digitsOnly(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * An HTTP-date in any of the three forms RFC 9110 §5.6.7 says a recipient must accept: IMF-fixdate
     * ({@code Sun, 06 Nov 1994 08:49:37 GMT}), RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime
     * ({@code Sun Nov  6 08:49:37 1994}).
     */
    static Optional<Instant> httpDate(String value) {
        String text = value.trim();
        try {
            return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException notImf) {
            // one of the obsolete forms
        }
        try {
            LocalDateTime rfc850 = LocalDateTime.parse(text.replaceFirst(" GMT$", ""), RFC_850);
            return Optional.of(rfc850.toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notRfc850) {
            // asctime, then
        }
        try {
            return Optional.of(LocalDateTime.parse(text.replaceAll("\\s+", " "), ASCTIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException unreadable) {
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

    /** {@code now} plus a non-negative number of seconds, at most the horizon. */
    private static Instant plusSeconds(Instant now, BigDecimal seconds) {
        // Compare before rounding: rounding 1e999999999 to an integer would build a billion-digit number.
        BigDecimal millis = seconds.movePointRight(3).min(HORIZON_MILLIS).setScale(0, RoundingMode.CEILING);
        return now.plusMillis(millis.longValue());
    }

    /** An epoch time in milliseconds, at most the horizon from {@code now}. */
    private static Instant epochMillis(BigDecimal millis, Instant now) {
        BigDecimal latest = BigDecimal.valueOf(now.plus(HORIZON).toEpochMilli());
        return Instant.ofEpochMilli(millis.min(latest).setScale(0, RoundingMode.CEILING).longValue());
    }

    /** A count (requests remaining), saturated to a {@code long}. */
    static long count(BigDecimal n) {
        return n.min(BigDecimal.valueOf(Long.MAX_VALUE)).setScale(0, RoundingMode.FLOOR).longValue();
    }
}

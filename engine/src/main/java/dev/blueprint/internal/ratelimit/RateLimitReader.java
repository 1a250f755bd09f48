package dev.blueprint.internal.ratelimit;

import dev.blueprint.model.RateLimitConfig;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads a response's rate-limit signals as the blueprint declares them. */
public final class RateLimitReader {
    private final RateLimitConfig config;

    public RateLimitReader(RateLimitConfig config) {
        this.config = config;
    }

    public Observation read(int status, HttpHeaders headers, Instant now) {
        List<IetfFields.Item> ietf = config.ietfHeaders() ? headers.firstValue("ratelimit").map(IetfFields::parse).orElse(List.of()) : List.of();
        OptionalLong remaining = remaining(headers, ietf);
        List<Instant> resets = resets(headers, ietf, now);
        Optional<Instant> resetAt = resets.stream().max(Comparator.naturalOrder());
        boolean throttled = isThrottled(status, remaining);
        if (!throttled) {
            return new Observation(false, remaining, resetAt, Optional.empty());
        }
        List<Instant> waits = new ArrayList<>(resets);
        for (String name : config.retryAfter()) {
            headers.allValues(name).forEach(v -> TimeValues.retryAfter(v, now).ifPresent(waits::add));
        }
        return new Observation(true, remaining, resetAt, waits.stream().max(Comparator.naturalOrder()));
    }

    /** 429 (or another configured status) throttles; 403 only together with remaining 0 (GitHub). */
    private boolean isThrottled(int status, OptionalLong remaining) {
        if (!config.statuses().contains(status)) {
            return false;
        }
        return status != 403 || (remaining.isPresent() && remaining.getAsLong() <= 0);
    }

    private OptionalLong remaining(HttpHeaders headers, List<IetfFields.Item> ietf) {
        List<Long> values = new ArrayList<>();
        config.remaining().flatMap(headers::firstValue).flatMap(TimeValues::number)
                .ifPresent(n -> values.add(TimeValues.count(n)));
        ietf.forEach(item -> item.remaining().ifPresent(values::add));
        if (config.ietfHeaders()) {
            headers.firstValue("ratelimit-remaining").flatMap(TimeValues::number).ifPresent(n -> values.add(TimeValues.count(n)));
        }
        return values.stream().mapToLong(Long::longValue).min();
    }

    private List<Instant> resets(HttpHeaders headers, List<IetfFields.Item> ietf, Instant now) {
        List<Instant> resets = new ArrayList<>();
        config.reset().ifPresent(reset -> headers.firstValue(reset.header())
                .flatMap(v -> TimeValues.reset(v, reset.format(), now)).ifPresent(resets::add));
        ietf.forEach(item -> item.resetSeconds().ifPresent(t -> resets.add(now.plusSeconds(Math.min(t, TimeValues.HORIZON.toSeconds())))));
        if (config.ietfHeaders()) {
            // The draft says delta-seconds; some APIs (GitLab) send an epoch time here, so read it by magnitude.
            headers.firstValue("ratelimit-reset").flatMap(v -> TimeValues.reset(v, dev.blueprint.model.ResetFormat.AUTO, now))
                    .ifPresent(resets::add);
        }
        return resets;
    }
}

package dev.blueprint.internal.ratelimit;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blueprint.internal.text.HeaderValues;
import dev.blueprint.model.RateLimitConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a response's rate-limit signals as the blueprint declares them: its remaining and reset headers (a count,
 * or {@code used/limit}), the IETF {@code RateLimit} fields (one policy per member, or the older dictionary),
 * {@code Retry-After} in any of its forms, and a throttling signal in the body when the API puts one there.
 */
public final class RateLimitReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RateLimitConfig config;
    private final Set<Integer> retriedStatuses;

    public RateLimitReader(RateLimitConfig config) {
        this(config, Set.of());
    }

    /** @param retriedStatuses statuses the retry policy repeats: their {@code Retry-After} is honoured too */
    public RateLimitReader(RateLimitConfig config, Set<Integer> retriedStatuses) {
        this.config = config;
        this.retriedStatuses = Set.copyOf(retriedStatuses);
    }

    public Observation read(int status, HttpHeaders headers, Instant now) {
        return read(status, headers, null, now);
    }

    /** @param body the response body when it is text (a body signal is read from it), else null */
    public Observation read(int status, HttpHeaders headers, Object body, Instant now) {
        // The policy with the fewest requests left binds: its reset is the window's, not the daily one beside it.
        Optional<IetfFields.Item> binding = config.ietfHeaders()
                ? Optional.ofNullable(HeaderValues.first(headers, "ratelimit")).map(IetfFields::parse).flatMap(RateLimitReader::binding)
                : Optional.empty();
        // Read on every response: plain loops and nulls here, so an unthrottled answer costs a few header look-ups.
        OptionalLong remaining = remaining(headers, binding);
        List<Instant> resets = resets(headers, binding, now);
        Instant resetAt = latest(resets, null);
        Instant retryAfter = retryAfter(headers, now);
        BodyVerdict fromBody = body(status, body, now);
        boolean throttled = fromBody.throttled() || isThrottled(status, remaining, retryAfter != null);
        if (throttled) {
            Instant wait = latest(resets, retryAfter);
            if (fromBody.waitUntil().isPresent() && (wait == null || fromBody.waitUntil().get().isAfter(wait))) {
                wait = fromBody.waitUntil().get();
            }
            return new Observation(true, remaining, Optional.ofNullable(resetAt), Optional.ofNullable(wait));
        }
        if (remaining.isEmpty() && resetAt == null && retryAfter == null) {
            return Observation.NONE;
        }
        // A 503 (or any status the engine retries) with Retry-After: the announced wait, not the backoff.
        Optional<Instant> wait = retryAfter != null && retriedStatuses.contains(status) ? Optional.of(retryAfter) : Optional.empty();
        return new Observation(false, remaining, Optional.ofNullable(resetAt), wait);
    }

    /** The latest of {@code instants} and {@code also} (either may be absent), or null. */
    private static Instant latest(List<Instant> instants, Instant also) {
        Instant latest = also;
        for (Instant instant : instants) {
            if (latest == null || instant.isAfter(latest)) {
                latest = instant;
            }
        }
        return latest;
    }

    /** The listed statuses throttle; 403 only with remaining 0 or a Retry-After (GitHub's primary and secondary limits). */
    private boolean isThrottled(int status, OptionalLong remaining, boolean retryAfter) {
        if (!config.statuses().contains(status)) {
            return false;
        }
        return status != 403 || (remaining.isPresent() && remaining.getAsLong() <= 0) || retryAfter;
    }

    private static Optional<IetfFields.Item> binding(List<IetfFields.Item> items) {
        return items.stream().filter(item -> item.remaining().isPresent())
                .min(Comparator.comparingLong((IetfFields.Item item) -> item.remaining().getAsLong())
                        .thenComparing(item -> -item.resetSeconds().orElse(0)))
                .or(() -> items.stream().filter(item -> item.resetSeconds().isPresent())
                        .max(Comparator.comparingLong(item -> item.resetSeconds().getAsLong())));
    }

    private OptionalLong remaining(HttpHeaders headers, Optional<IetfFields.Item> binding) {
        long least = Long.MAX_VALUE;
        boolean found = false;
        String declaredValue = config.remaining().isPresent() ? HeaderValues.first(headers, config.remaining().get()) : null;
        if (declaredValue != null) {
            long plain = config.remainingFormat() == RateLimitConfig.RemainingFormat.USED_OF_LIMIT ? -1 : TimeValues.plainDigits(declaredValue, 18);
            Optional<Long> declared = plain >= 0 ? Optional.empty() : count(declaredValue);
            if (plain >= 0 || declared.isPresent()) {
                least = plain >= 0 ? plain : declared.get();
                found = true;
            }
        }
        if (binding.isPresent() && binding.get().remaining().isPresent()) {
            least = Math.min(least, binding.get().remaining().getAsLong());
            found = true;
        }
        if (config.ietfHeaders()) {
            String ietf = HeaderValues.first(headers, "ratelimit-remaining");
            Optional<BigDecimal> number = ietf == null ? Optional.empty() : TimeValues.number(ietf);
            if (number.isPresent()) {
                least = Math.min(least, TimeValues.count(number.get()));
                found = true;
            }
        }
        return found ? OptionalLong.of(least) : OptionalLong.empty();
    }

    /** The remaining header as the blueprint says it counts: {@code 42}, or {@code used/limit} such as {@code 39/40}. */
    private Optional<Long> count(String value) {
        if (config.remainingFormat() == RateLimitConfig.RemainingFormat.USED_OF_LIMIT) {
            String[] parts = value.split("/");
            if (parts.length != 2) {
                return Optional.empty();
            }
            return TimeValues.number(parts[0]).flatMap(used -> TimeValues.number(parts[1])
                    .map(limit -> Math.max(0, TimeValues.count(limit) - TimeValues.count(used))));
        }
        return TimeValues.number(value).map(TimeValues::count);
    }

    private List<Instant> resets(HttpHeaders headers, Optional<IetfFields.Item> binding, Instant now) {
        Instant declared = null;
        if (config.reset().isPresent()) {
            String value = HeaderValues.first(headers, config.reset().get().header());
            declared = value == null ? null : TimeValues.reset(value, config.reset().get().format(), now).orElse(null);
        }
        if (binding.isEmpty() && (!config.ietfHeaders() || HeaderValues.first(headers, "ratelimit-reset") == null)) {
            return declared == null ? List.of() : List.of(declared); // the common case: one declared header at most
        }
        List<Instant> resets = new ArrayList<>(3);
        if (declared != null) {
            resets.add(declared);
        }
        binding.ifPresent(item -> item.resetSeconds().ifPresent(
                t -> resets.add(now.plusSeconds(Math.min(t, TimeValues.HORIZON.toSeconds())))));
        String ietfReset = config.ietfHeaders() ? HeaderValues.first(headers, "ratelimit-reset") : null;
        if (ietfReset != null) {
            // The draft says delta-seconds; some APIs (GitLab) send an epoch time here, so read it by magnitude.
            TimeValues.reset(ietfReset, dev.blueprint.model.ResetFormat.AUTO, now).ifPresent(resets::add);
        }
        return resets;
    }

    /** The latest wait any Retry-After header asks for, or null. */
    private Instant retryAfter(HttpHeaders headers, Instant now) {
        Instant latest = null;
        for (String name : config.retryAfter()) {
            for (String value : headers.allValues(name)) {
                Optional<Instant> wait = TimeValues.retryAfter(value, now);
                if (wait.isPresent() && (latest == null || wait.get().isAfter(latest))) {
                    latest = wait.get();
                }
            }
        }
        return latest;
    }

    private record BodyVerdict(boolean throttled, Optional<Instant> waitUntil) {
        static final BodyVerdict NONE = new BodyVerdict(false, Optional.empty());
    }

    /** The body signal: only for the statuses the blueprint names, only for bodies read as text. */
    private BodyVerdict body(int status, Object body, Instant now) {
        if (config.body().isEmpty() || !(body instanceof String text) || !config.body().get().statuses().contains(status)) {
            return BodyVerdict.NONE;
        }
        RateLimitConfig.BodySignal signal = config.body().get();
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException notJson) {
            return BodyVerdict.NONE;
        }
        if (json == null) {
            return BodyVerdict.NONE;
        }
        JsonNode value = json.at(JsonPointer.compile(signal.pointer()));
        if (!value.isValueNode() || !signal.values().contains(value.asText())) {
            return BodyVerdict.NONE;
        }
        Optional<Instant> wait = signal.waitPointer().map(pointer -> json.at(JsonPointer.compile(pointer)))
                .filter(JsonNode::isValueNode).flatMap(node -> TimeValues.reset(node.asText(), signal.waitFormat(), now));
        return new BodyVerdict(true, wait);
    }
}

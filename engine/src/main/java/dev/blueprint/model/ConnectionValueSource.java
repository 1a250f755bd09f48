package dev.blueprint.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a connection_config value is learned while connecting, instead of being typed by the user:
 * {@code from: token_response.instance_url} or {@code from: callback.realmId}, optionally with {@code extract}, a
 * shape such as {@code https://{value}.my.salesforce.com} whose {@code {value}} part is the value kept.
 *
 * @param place     the token response's JSON object or the callback's query parameters
 * @param parameter the member or parameter name
 * @param extract   the shape the raw value must have, with {@code {value}} marking the part kept; empty: all of it
 */
public record ConnectionValueSource(Place place, String parameter, Optional<String> extract) {
    public static final String VALUE = "{value}";

    /** Where the raw value is read. */
    public enum Place {
        TOKEN_RESPONSE("token_response"), CALLBACK("callback");

        private final String key;

        Place(String key) {
            this.key = key;
        }

        /** As blueprints write it. */
        public String key() {
            return key;
        }
    }

    public ConnectionValueSource {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(extract, "extract");
        extract.ifPresent(shape -> {
            if (shape.indexOf(VALUE) < 0 || shape.indexOf(VALUE) != shape.lastIndexOf(VALUE)) {
                throw new IllegalArgumentException("extract must contain {value} exactly once");
            }
        });
    }

    /** Parses {@code token_response.NAME} or {@code callback.NAME}. */
    public static ConnectionValueSource parse(String from, Optional<String> extract) {
        for (Place place : Place.values()) {
            if (from.startsWith(place.key() + ".") && from.length() > place.key().length() + 1) {
                return new ConnectionValueSource(place, from.substring(place.key().length() + 1), extract);
            }
        }
        throw new IllegalArgumentException("from must be token_response.NAME or callback.NAME, got " + from);
    }

    /**
     * The value to keep from {@code raw}: all of it, or the part at {@code {value}} when the raw value has the
     * extract's shape (a trailing '/' tolerated); empty when it does not.
     */
    public Optional<String> valueOf(String raw) {
        if (extract.isEmpty()) {
            return Optional.of(raw);
        }
        String shape = extract.get();
        String prefix = shape.substring(0, shape.indexOf(VALUE));
        String suffix = shape.substring(shape.indexOf(VALUE) + VALUE.length());
        String text = raw.endsWith("/") && !suffix.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        if (text.length() <= prefix.length() + suffix.length() || !text.startsWith(prefix) || !text.endsWith(suffix)) {
            return Optional.empty();
        }
        return Optional.of(text.substring(prefix.length(), text.length() - suffix.length()));
    }

    /** The raw value a provider would send for {@code value}: the inverse of {@link #valueOf}, for simulators. */
    public String rawFor(String value) {
        return extract.map(shape -> shape.replace(VALUE, value)).orElse(value);
    }

    /** As blueprints write it: {@code token_response.instance_url}. */
    public String from() {
        return place.key() + "." + parameter;
    }
}

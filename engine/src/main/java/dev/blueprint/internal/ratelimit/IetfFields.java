package dev.blueprint.internal.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the IETF httpapi-ratelimit-headers field: the structured list {@code RateLimit: "burst";r=0;t=3, "daily";r=4000;t=86000},
 * one item per policy with {@code r} (remaining) and {@code t} (seconds until reset), and the older drafts' dictionary
 * {@code RateLimit: limit=100, remaining=0, reset=30}, read as one policy. Malformed members are skipped.
 */
final class IetfFields {
    record Item(OptionalLong remaining, OptionalLong resetSeconds) {
    }

    private IetfFields() {
    }

    static List<Item> parse(String field) {
        List<Item> items = new ArrayList<>();
        for (String member : splitOutsideQuotes(field, ',')) {
            OptionalLong remaining = OptionalLong.empty();
            OptionalLong reset = OptionalLong.empty();
            List<String> parts = splitOutsideQuotes(member, ';');
            for (int i = 1; i < parts.size(); i++) {
                String[] pair = parts.get(i).trim().split("=", 2);
                if (pair.length == 2 && pair[1].trim().matches("[0-9]{1,15}")) {
                    long value = Long.parseLong(pair[1].trim());
                    switch (pair[0].trim()) {
                        case "r" -> remaining = OptionalLong.of(value);
                        case "t" -> reset = OptionalLong.of(value);
                        default -> { }
                    }
                }
            }
            if (remaining.isPresent() || reset.isPresent()) {
                items.add(new Item(remaining, reset));
            }
        }
        return items.isEmpty() ? dictionary(field) : items;
    }

    /** The older drafts' form: one policy as a dictionary of limit, remaining and reset. */
    private static List<Item> dictionary(String field) {
        OptionalLong remaining = OptionalLong.empty();
        OptionalLong reset = OptionalLong.empty();
        for (String member : splitOutsideQuotes(field, ',')) {
            String[] pair = member.trim().split("=", 2);
            if (pair.length == 2 && pair[1].trim().matches("[0-9]{1,15}")) {
                long value = Long.parseLong(pair[1].trim());
                switch (pair[0].trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "remaining" -> remaining = OptionalLong.of(value);
                    case "reset" -> reset = OptionalLong.of(value);
                    default -> { }
                }
            }
        }
        return remaining.isPresent() || reset.isPresent() ? List.of(new Item(remaining, reset)) : List.of();
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}

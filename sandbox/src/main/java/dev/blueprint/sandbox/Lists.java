package dev.blueprint.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.model.PaginationConfig;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A list of {@link #SIZE} items served page by page in the blueprint's own pagination style: its items pointer, its
 * cursor, offset or page parameter, its has_more and total pointers, its Link header or next URL in the body.
 */
final class Lists {
    /** Items in every list the sandbox serves. */
    static final int SIZE = 5;
    /** Items per page when the blueprint sends no page size. */
    static final int DEFAULT_PAGE = 2;
    /** The query parameter of the sandbox's own next-page URLs (Link header, next URL in the body). */
    static final String START = "sandbox_start";

    /** A page: its body, and a Link header value when the style uses one. */
    record Page(String body, Optional<String> link) {
    }

    private Lists() {
    }

    static Page page(PaginationConfig config, Map<String, String> query, URI listUri) {
        int size = config.pageSize().map(s -> parse(query.get(s.param()), s.value())).orElse(DEFAULT_PAGE);
        size = Math.max(1, Math.min(size, SIZE));
        int start = start(config, query, size);
        int end = Math.min(SIZE, start + size);
        ArrayNode items = JsonShapes.JSON.createArrayNode();
        for (int id = start; id < end; id++) {
            ObjectNode item = JsonShapes.JSON.createObjectNode();
            item.put("id", id);
            item.put("name", "item " + id);
            if (config.style() instanceof PaginationConfig.Cursor cursor && cursor.lastItem().isPresent()) {
                JsonShapes.put(item, cursor.lastItem().get(), JsonShapes.JSON.getNodeFactory().textNode(Integer.toString(id)));
            }
            items.add(item);
        }
        boolean more = end < SIZE;
        String nextUrl = listUri.getScheme() + "://" + listUri.getRawAuthority() + listUri.getRawPath() + "?" + START + "=" + end;
        if (config.items().isEmpty()) {
            return new Page(items.toString(), link(config, more, nextUrl));
        }
        ObjectNode root = JsonShapes.JSON.createObjectNode();
        JsonShapes.put(root, config.items(), items);
        config.hasMore().ifPresent(pointer -> JsonShapes.put(root, pointer, JsonShapes.JSON.getNodeFactory().booleanNode(more)));
        config.total().ifPresent(pointer -> JsonShapes.put(root, pointer, JsonShapes.JSON.getNodeFactory().numberNode(SIZE)));
        if (config.style() instanceof PaginationConfig.Cursor cursor && cursor.next().isPresent()) {
            JsonShapes.put(root, cursor.next().get(), more ? JsonShapes.JSON.getNodeFactory().textNode("c" + end)
                    : JsonShapes.JSON.getNodeFactory().nullNode());
        }
        if (config.style() instanceof PaginationConfig.NextUrl next) {
            JsonShapes.put(root, next.pointer(), more ? JsonShapes.JSON.getNodeFactory().textNode(nextUrl)
                    : JsonShapes.JSON.getNodeFactory().nullNode());
        }
        if (!root.has("path")) {
            // Which path was asked for, as the sandbox's other answers say too (tests check a call's route with it).
            root.put("path", listUri.getRawPath().replaceFirst("^/api", ""));
        }
        return new Page(root.toString(), link(config, more, nextUrl));
    }

    private static Optional<String> link(PaginationConfig config, boolean more, String nextUrl) {
        return config.style() instanceof PaginationConfig.LinkHeader && more
                ? Optional.of("<" + nextUrl + ">; rel=\"next\"") : Optional.empty();
    }

    /** Where this page starts, read from the request the way the style asks for pages. */
    private static int start(PaginationConfig config, Map<String, String> query, int size) {
        if (query.containsKey(START)) {
            return parse(query.get(START), 0);
        }
        PaginationConfig.Style style = config.style();
        if (style instanceof PaginationConfig.Cursor cursor) {
            String value = query.get(cursor.param());
            if (value == null) {
                return 0;
            }
            return cursor.next().isPresent() ? parse(value.substring(1), 0) : parse(value, -1) + 1;
        }
        if (style instanceof PaginationConfig.Offset offset) {
            return parse(query.get(offset.param()), 0);
        }
        if (style instanceof PaginationConfig.PageNumber page) {
            return Math.max(0, parse(query.get(page.param()), page.first()) - page.first()) * size;
        }
        return 0;
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

package dev.blueprint.internal.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.internal.json.Json;
import dev.blueprint.model.PaginationConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One walk through a paged list, page by page, by the blueprint's {@link PaginationConfig}: what the first request
 * adds, the items of each page, and how to ask for the next one, or that there is none. Not thread-safe: one walk,
 * one caller.
 *
 * <p>It stops at an empty page of an offset or page-number walk (a cursor or next link decides for itself: some APIs
 * send an empty page before the end, so only three empty pages in a row end those), when {@code has_more} is false, once {@code total} items were read, at a short
 * page of an offset or page-number walk with a declared size, and when the API names no next page. An API that names
 * the same next page twice would loop forever, so that is an error.
 */
public final class PageWalk {
    /** How to ask for the next page. */
    public sealed interface Next {
    }

    /** The same request with one query parameter set to a new value (a cursor, an offset, a page number). */
    public record SetQuery(String name, String value) implements Next {
    }

    /** An absolute URL the API gave (Link header, links.next), to follow only under the base URL. */
    public record FollowUrl(URI uri) implements Next {
    }

    /**
     * A page as read: its items (empty when the body has none where the blueprint says), and the next page, if any.
     */
    public record Page(List<JsonNode> items, Optional<Next> next) {
    }

    /** Empty pages in a row after which a cursor or link walk ends, though the API names another page. */
    static final int MAX_EMPTY_PAGES = 3;

    private final PaginationConfig config;
    private final OptionalInt pageSize; // the size asked for: the caller's, else the blueprint's
    private long seen;
    private long offset;
    private long pageNumber;
    private final boolean callerSetsSize;
    private int emptyInARow;
    private String lastNext;

    /**
     * @param callerQuery the first request's query as the caller built it: a page size set there wins over the
     *                    blueprint's, and a shorter page is measured against it
     */
    public PageWalk(PaginationConfig config, List<Map.Entry<String, String>> callerQuery) {
        this.config = config;
        OptionalInt callers = config.pageSize().flatMap(size -> callerQuery.stream().filter(p -> p.getKey().equals(size.param()))
                        .map(Map.Entry::getValue).filter(v -> v.matches("[0-9]{1,9}")).findFirst())
                .map(value -> OptionalInt.of(Integer.parseInt(value))).orElse(OptionalInt.empty());
        this.callerSetsSize = callers.isPresent();
        this.pageSize = callers.isPresent() ? callers
                : config.pageSize().map(size -> OptionalInt.of(size.value())).orElse(OptionalInt.empty());
        this.pageNumber = config.style() instanceof PaginationConfig.PageNumber page ? page.first() : 0;
    }

    /**
     * Query parameters the first request adds: the blueprint's page size, unless the caller set one. Page 1 and
     * offset 0 are the APIs' own defaults.
     */
    public List<Map.Entry<String, String>> firstQuery() {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        if (!callerSetsSize) {
            config.pageSize().ifPresent(size -> query.add(Map.entry(size.param(), Integer.toString(size.value()))));
        }
        return query;
    }

    /**
     * Reads one page.
     *
     * @param pageIndex the page's position in the walk, from 1, for errors
     * @throws IllegalStateException when the body is not JSON where items or a cursor must be read, or the API names
     *                               the same next page twice
     */
    public Page read(HttpResponse<String> response, int pageIndex) {
        Optional<JsonNode> body = Json.tree(response.body());
        boolean needsBody = !(config.style() instanceof PaginationConfig.LinkHeader) || config.hasMore().isPresent() || config.total().isPresent();
        if (body.isEmpty() && needsBody) {
            throw new IllegalStateException("page " + pageIndex + " is not JSON, so its items and next page cannot be read");
        }
        JsonNode itemsNode = body.map(json -> Json.at(json, config.items())).orElse(null);
        List<JsonNode> items = new ArrayList<>();
        if (itemsNode != null && itemsNode.isArray()) {
            itemsNode.forEach(items::add);
        }
        seen += items.size();
        if (ended(body, itemsNode, items)) {
            return new Page(items, Optional.empty());
        }
        Optional<Next> next = next(response, body.orElse(null), items);
        next.ifPresent(this::refuseRepeat);
        return new Page(items, next);
    }

    private boolean ended(Optional<JsonNode> body, JsonNode itemsNode, List<JsonNode> items) {
        emptyInARow = itemsNode != null && itemsNode.isArray() && items.isEmpty() ? emptyInARow + 1 : 0;
        if (emptyInARow >= MAX_EMPTY_PAGES) {
            return true; // a next link that never ends (Sentry's without results="false"): not an endless walk
        }
        boolean countsItself = config.style() instanceof PaginationConfig.Offset || config.style() instanceof PaginationConfig.PageNumber;
        if (countsItself && itemsNode != null && itemsNode.isArray() && items.isEmpty()) {
            return true; // a cursor or a link decides for itself: Google's APIs may send an empty page before the end
        }
        if (countsItself && (itemsNode == null || !itemsNode.isArray())) {
            return true; // nothing to count the next offset or page by
        }
        if (countsItself && pageSize.isPresent() && items.size() < pageSize.getAsInt()) {
            return true;
        }
        if (body.isPresent() && config.hasMore().isPresent()) {
            JsonNode more = Json.at(body.get(), config.hasMore().get());
            if (more.isBoolean() && !more.booleanValue()) {
                return true;
            }
        }
        if (body.isPresent() && config.total().isPresent()) {
            JsonNode total = Json.at(body.get(), config.total().get());
            return total.canConvertToLong() && seen >= total.longValue();
        }
        return false;
    }

    private Optional<Next> next(HttpResponse<String> response, JsonNode body, List<JsonNode> items) {
        PaginationConfig.Style style = config.style();
        if (style instanceof PaginationConfig.Cursor cursor) {
            JsonNode value = cursor.next().map(pointer -> Json.at(body, pointer))
                    .orElseGet(() -> items.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                            : Json.at(items.get(items.size() - 1), cursor.lastItem().orElseThrow()));
            return value.isValueNode() && !value.isNull() && !value.asText().isEmpty()
                    ? Optional.of(new SetQuery(cursor.param(), value.asText())) : Optional.empty();
        }
        if (style instanceof PaginationConfig.Offset offsetStyle) {
            offset += items.size();
            return Optional.of(new SetQuery(offsetStyle.param(), Long.toString(offset)));
        }
        if (style instanceof PaginationConfig.PageNumber page) {
            pageNumber += 1;
            return Optional.of(new SetQuery(page.param(), Long.toString(pageNumber)));
        }
        Optional<String> target = style instanceof PaginationConfig.NextUrl nextUrl
                ? Optional.ofNullable(body).map(json -> Json.at(json, nextUrl.pointer())).filter(node -> node.isTextual()).map(node -> node.asText())
                : LinkHeader.next(response.headers());
        return target.filter(text -> !text.isBlank()).map(text -> new FollowUrl(resolve(response, text)));
    }

    /** Relative targets are resolved against the page's own URL, as RFC 8288 and JSON:API say. */
    private static URI resolve(HttpResponse<String> response, String target) {
        try {
            return response.request().uri().resolve(new URI(target.trim()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the API's next page link is not a valid URL");
        }
    }

    private void refuseRepeat(Next next) {
        String key = next.toString();
        if (key.equals(lastNext)) {
            throw new IllegalStateException("the API named the same next page twice in a row; stopping instead of looping");
        }
        lastNext = key;
    }
}

package dev.blueprint.model;

import java.util.Objects;
import java.util.Optional;

/**
 * How the API pages through lists: where a page's items are, how the next page is asked for (one {@link Style}),
 * and when to stop. Offset and page-number walks also stop at a page without items.
 *
 * @param items    JSON pointer (RFC 6901) to the page's array of items; empty string: the body is the array
 * @param style    how the next page is asked for
 * @param pageSize a page-size parameter to send, if any; a shorter page then ends an offset or page-number walk
 * @param hasMore  JSON pointer to a boolean that is false on the last page ({@code /has_more})
 * @param total    JSON pointer to the number of items in all pages ({@code /meta/count})
 */
public record PaginationConfig(String items, Style style, Optional<PageSize> pageSize, Optional<String> hasMore,
                               Optional<String> total) {
    public PaginationConfig {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(pageSize, "pageSize");
        Objects.requireNonNull(hasMore, "hasMore");
        Objects.requireNonNull(total, "total");
    }

    /** How the next page is asked for. */
    public sealed interface Style permits Cursor, LinkHeader, NextUrl, Offset, PageNumber {
    }

    /**
     * A cursor parameter, its next value read from the body: at the pointer {@code next} ({@code /meta/next_cursor}),
     * or from the last item at {@code lastItem} ({@code /id}, Stripe's {@code starting_after}). No value: last page.
     */
    public record Cursor(String param, Optional<String> next, Optional<String> lastItem) implements Style {
        public Cursor {
            Objects.requireNonNull(param, "param");
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(lastItem, "lastItem");
            if (next.isPresent() == lastItem.isPresent()) {
                throw new IllegalArgumentException("a cursor comes from the body (from) or the last item (from_last_item): one of them");
            }
        }
    }

    /** The next page's URL in the {@code Link} header, {@code rel="next"} (RFC 8288; GitHub, Shopify REST). */
    public record LinkHeader() implements Style {
    }

    /** The next page's URL in the body at {@code pointer} ({@code /links/next}, JSON:API). */
    public record NextUrl(String pointer) implements Style {
        public NextUrl {
            Objects.requireNonNull(pointer, "pointer");
        }
    }

    /** An offset parameter counting items already read, from 0. */
    public record Offset(String param) implements Style {
        public Offset {
            Objects.requireNonNull(param, "param");
        }
    }

    /** A page-number parameter, from {@code first} (usually 1). */
    public record PageNumber(String param, int first) implements Style {
        public PageNumber {
            Objects.requireNonNull(param, "param");
        }
    }

    /** The page-size parameter and the value sent. */
    public record PageSize(String param, int value) {
        public PageSize {
            Objects.requireNonNull(param, "param");
            if (value < 1) {
                throw new IllegalArgumentException("page size must be at least 1, got " + value);
            }
        }
    }
}

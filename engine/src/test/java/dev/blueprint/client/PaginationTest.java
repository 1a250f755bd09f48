package dev.blueprint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.ApiClient;
import dev.blueprint.ApiException;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.UnexpectedBodyException;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.testing.VirtualTime;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every pagination style against a local API that pages 7 items 3 to a page: the items arrive in order, the walk
 * stops where the style says, each page goes through the pipeline (a 429 on page 2 is waited out on virtual time),
 * a next page elsewhere is refused, a looping API is stopped, and nothing is fetched before the stream needs it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PaginationTest {
    private static final int ITEMS = 7;
    private static final int PER_PAGE = 3;

    private final MockWebServer server = new MockWebServer();
    private final VirtualTime time = new VirtualTime();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<RecordedRequest, MockResponse> api;

    record Item(int id, String name) {
    }

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return api.apply(request);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private ApiClient client(String pagination) {
        String yaml = """
                integrations:
                  list:
                    auth: {mode: bearer}
                    requests: {base_url: "%s/api/v2"}
                    retry: {max_attempts: 3, on_status: [503]}
                    errors: {message: /error/message, code: /error/type}
                    pagination: %s
                """.formatted(base(), pagination);
        Integration list = BlueprintEngine.builder().environment(Map.of()).integrations("i.yaml", yaml).clock(time).scheduler(time)
                .credentialStore(new InMemoryCredentialStore()).build().integration("list");
        list.saveCredentials("c1", Credentials.bearer("token-1"));
        return list.client("c1");
    }

    private static String items(int from, int to) {
        return IntStream.range(from, Math.min(to, ITEMS)).mapToObj(i -> "{\"id\":" + i + ",\"name\":\"item " + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static int param(RecordedRequest request, String name, int fallback) {
        String value = request.getUrl().queryParameter(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static List<Integer> ids(ApiClient client) {
        return client.items("/items", Item.class).map(Item::id).toList();
    }

    @Test
    void cursorFromTheBodyWithThePageSizeSent() {
        api = request -> {
            int from = param(request, "cursor", 0);
            String next = from + PER_PAGE < ITEMS ? "\"" + (from + PER_PAGE) + "\"" : "null";
            return json("{\"data\":" + items(from, from + PER_PAGE) + ",\"meta\":{\"next_cursor\":" + next + "}}");
        };
        ApiClient client = client("{items: /data, page_size: {param: limit, value: 3}, cursor: {param: cursor, from: /meta/next_cursor}}");
        assertThat(ids(client)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(requests).extracting(r -> r.getUrl().encodedQuery())
                .containsExactly("limit=3", "limit=3&cursor=3", "limit=3&cursor=6");
    }

    @Test
    void cursorFromTheLastItemUntilHasMoreIsFalse() {
        // Stripe: starting_after=<id of the last item>, has_more false on the last page.
        api = request -> {
            int from = param(request, "starting_after", -1) + 1;
            return json("{\"data\":" + items(from, from + PER_PAGE) + ",\"has_more\":" + (from + PER_PAGE < ITEMS) + "}");
        };
        ApiClient client = client("{items: /data, has_more: /has_more, cursor: {param: starting_after, from_last_item: /id}}");
        assertThat(ids(client)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(requests).hasSize(3);
    }

    @Test
    void linkHeaderRelativeAndAbsoluteUnderTheBaseUrl() {
        api = request -> {
            int page = param(request, "page", 1);
            MockResponse.Builder response = new MockResponse.Builder().code(200).body(items((page - 1) * PER_PAGE, page * PER_PAGE));
            if (page * PER_PAGE < ITEMS) {
                String target = page == 1 ? "/api/v2/items?page=2&per_page=3" : base() + "/api/v2/items?page=" + (page + 1) + "&per_page=3";
                response.addHeader("Link", "<" + target + ">; rel=\"next\", <" + base() + "/api/v2/items?page=3>; rel=\"last\"");
            }
            return response.build();
        };
        ApiClient client = client("{items: \"\", link_header: true}");
        assertThat(ids(client)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(requests).extracting(r -> r.getUrl().encodedPath() + "?" + r.getUrl().encodedQuery())
                .containsExactly("/api/v2/items?null", "/api/v2/items?page=2&per_page=3", "/api/v2/items?page=3&per_page=3");
    }

    @Test
    void aNextPageOnAnotherOriginOrOutsideTheBasePathIsNotFollowed() {
        for (String elsewhere : List.of("https://evil.example/api/v2/items?page=2", "http://127.0.0.1:1/api/v2/items?page=2",
                "/admin/items?page=2", "/api/v2/../admin?page=2")) {
            requests.clear();
            api = request -> json("{\"data\":" + items(0, PER_PAGE) + ",\"links\":{\"next\":\"" + elsewhere + "\"}}");
            ApiClient client = client("{items: /data, next_url: /links/next}");
            assertThatThrownBy(() -> ids(client)).as(elsewhere).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("not followed", "must not climb").doesNotContain("page=2"));
            assertThat(requests).as(elsewhere).hasSize(1);
        }
    }

    @Test
    void nextUrlInTheBodyAsJsonApiDoes() {
        api = request -> {
            int offset = param(request, "page[offset]", 0);
            String next = offset + PER_PAGE < ITEMS ? "\"" + base() + "/api/v2/items?page%5Boffset%5D=" + (offset + PER_PAGE) + "\"" : "null";
            return json("{\"data\":" + items(offset, offset + PER_PAGE) + ",\"links\":{\"next\":" + next + "}}");
        };
        assertThat(ids(client("{items: /data, next_url: /links/next}"))).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(requests.get(1).getUrl().encodedQuery()).isEqualTo("page%5Boffset%5D=3"); // as the API wrote it
    }

    @Test
    void offsetStopsAtAShortPageAndPageNumbersAtAnEmptyOne() {
        api = request -> json("{\"results\":" + items(param(request, "offset", 0), param(request, "offset", 0) + PER_PAGE) + "}");
        assertThat(ids(client("{items: /results, page_size: {param: limit, value: 3}, offset: {param: offset}}")))
                .containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(requests).hasSize(3); // the third page has one item: shorter than 3, so the last

        requests.clear();
        api = request -> {
            int page = param(request, "p", 1);
            return json(items((page - 1) * PER_PAGE, page * PER_PAGE));
        };
        assertThat(ids(client("{items: \"\", page: {param: p, first: 1}}"))).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(requests).hasSize(4); // no size declared: the empty fourth page ends it
    }

    @Test
    void aTotalEndsTheWalkWithoutAnEmptyPage() {
        api = request -> json("{\"items\":" + items(param(request, "offset", 0), param(request, "offset", 0) + PER_PAGE)
                + ",\"total\":" + ITEMS + "}");
        assertThat(ids(client("{items: /items, total: /total, offset: {param: offset}}"))).hasSize(ITEMS);
        assertThat(requests).hasSize(3);
    }

    @Test
    void eachPageGoesThroughThePipeline() {
        api = request -> {
            int from = param(request, "cursor", 0);
            if (from == 3 && requests.stream().filter(r -> "3".equals(r.getUrl().queryParameter("cursor"))).count() == 1) {
                return new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("{}").build();
            }
            String next = from + PER_PAGE < ITEMS ? "\"" + (from + PER_PAGE) + "\"" : "null";
            return json("{\"data\":" + items(from, from + PER_PAGE) + ",\"next\":" + next + "}");
        };
        assertThat(ids(client("{items: /data, cursor: {param: cursor, from: /next}}"))).hasSize(ITEMS);
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(requests).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer token-1"));
    }

    @Test
    void pagesAreFetchedOnlyAsTheStreamNeedsThem() {
        api = request -> {
            int from = param(request, "cursor", 0);
            return json("{\"data\":" + items(from, from + PER_PAGE) + ",\"next\":\"" + (from + PER_PAGE) + "\"}");
        };
        ApiClient client = client("{items: /data, cursor: {param: cursor, from: /next}}");
        assertThat(client.items("/items", Item.class).limit(2).toList()).extracting(Item::name).containsExactly("item 0", "item 1");
        assertThat(requests).hasSize(1);
        assertThat(client.pages("/items").limit(2).count()).isEqualTo(2);
        assertThat(requests).hasSize(3);
    }

    @Test
    void anApiThatNamesTheSameNextPageTwiceIsStopped() {
        api = request -> json("{\"data\":" + items(0, PER_PAGE) + ",\"next\":\"same\"}");
        ApiClient client = client("{items: /data, cursor: {param: cursor, from: /next}}");
        assertThatThrownBy(() -> ids(client)).isInstanceOf(IllegalStateException.class).hasMessageContaining("same next page twice");
        assertThat(requests).hasSize(2);
    }

    @Test
    void withoutPaginationPagesSaySoAtOnce() {
        String yaml = "integrations:\n  plain:\n    auth: {mode: none}\n    requests: {base_url: \"" + base() + "\"}\n";
        ApiClient client = BlueprintEngine.builder().environment(Map.of()).integrations("i.yaml", yaml).build().integration("plain").client("c1");
        assertThatThrownBy(() -> client.pages("/items")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declares no pagination");
        assertThat(requests).isEmpty();
    }

    @Test
    void typedBodiesAndTheProvidersErrorWords() {
        api = request -> switch (request.getUrl().encodedPath()) {
            case "/api/v2/me" -> json("{\"id\":42,\"name\":\"Ada\",\"extra\":true}");
            case "/api/v2/broken" -> json("{\"id\":\"not a number\"}");
            default -> new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
                    .body("{\"error\":{\"type\":\"not_found\",\"message\":\"No such item for token-1\\nsecond line\"}}").build();
        };
        ApiClient client = client("{items: /data, cursor: {param: cursor, from: /next}}");
        assertThat(client.get("/me", Item.class)).isEqualTo(new Item(42, "Ada"));
        assertThat(client.request("GET", "/me").as(JsonNode.class).path("extra").booleanValue()).isTrue();
        assertThatThrownBy(() -> client.get("/broken", Item.class)).isInstanceOfSatisfying(UnexpectedBodyException.class, e -> {
            assertThat(e.getMessage()).startsWith("[unexpected_body] GET /broken: the body does not map to Item: ");
            assertThat(e.type()).isEqualTo("Item");
        });
        assertThatThrownBy(() -> client.get("/missing")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.providerCode()).contains("not_found");
            assertThat(e.providerMessage()).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("No such item for ").doesNotContain("token-1").doesNotContain("\n"));
            assertThat(e.getMessage()).contains("returned 404 not_found: No such item for ").doesNotContain("token-1");
        });
    }

    @Test
    void aPageSizeTheCallerSetsWinsAndMeasuresTheLastPage() {
        api = request -> json("{\"results\":" + items(param(request, "offset", 0), param(request, "offset", 0) + param(request, "limit", 3)) + "}");
        ApiClient client = client("{items: /results, page_size: {param: limit, value: 100}, offset: {param: offset}}");
        assertThat(client.request("GET", "/items").query("limit", "2").items(Item.class).map(Item::id).toList())
                .containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(requests).extracting(r -> r.getUrl().encodedQuery())
                .containsExactly("limit=2", "limit=2&offset=2", "limit=2&offset=4", "limit=2&offset=6");
    }

    @Test
    void aNextLinkWithoutResultsOrEndlessEmptyPagesEndsTheWalk() {
        // Sentry: the Link header always has a next link; results="false" says it leads nowhere.
        api = request -> new MockResponse.Builder().code(200).body(items(0, PER_PAGE)).addHeader("Link",
                "<" + base() + "/api/v2/items?cursor=1>; rel=\"next\"; results=\"false\"; cursor=\"1\"").build();
        assertThat(ids(client("{items: \"\", link_header: true}"))).containsExactly(0, 1, 2);
        assertThat(requests).hasSize(1);

        requests.clear();
        api = request -> {
            int n = param(request, "cursor", 0);
            return json("{\"data\":" + (n == 0 ? items(0, PER_PAGE) : "[]") + ",\"next\":\"" + (n + 1) + "\"}");
        };
        assertThat(ids(client("{items: /data, cursor: {param: cursor, from: /next}}"))).containsExactly(0, 1, 2);
        assertThat(requests).as("one page with items, then three empty ones").hasSize(4);
    }
}

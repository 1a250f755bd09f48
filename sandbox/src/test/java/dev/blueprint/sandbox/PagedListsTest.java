package dev.blueprint.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.store.InMemoryCredentialStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sandbox serves a list in every pagination style, and the engine walks each to the same five items. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PagedListsTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "{items: /data, cursor: {param: cursor, from: /meta/next_cursor}}",
        "{items: /data, has_more: /has_more, cursor: {param: starting_after, from_last_item: /id}}",
        "{items: \"\", link_header: true}",
        "{items: /data, next_url: /links/next}",
        "{items: /results, page_size: {param: limit, value: 2}, offset: {param: offset}}",
        "{items: /items, total: /total, offset: {param: offset}}",
        "{items: \"\", page: {param: page, first: 1}}",
        "{items: /value, page_size: {param: per_page, value: 3}, page: {param: p, first: 0}}"})
    void everyStyleIsServedAndWalked(String pagination) {
        String yaml = """
                integrations:
                  list:
                    auth: {mode: bearer}
                    requests: {base_url: "https://list.example"}
                    pagination: %s
                """.formatted(pagination);
        try (BlueprintEngine described = BlueprintEngine.builder().environment(Map.of()).integrations("i.yaml", yaml).build();
             Sandbox sandbox = Sandbox.of(described.integration("list").blueprint(), SandboxOptions.defaults(), 0);
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                     .integrations("i.yaml", yaml.replace("https://list.example", sandbox.baseUri() + "/api"))
                     .credentialStore(new InMemoryCredentialStore()).build()) {
            Integration list = engine.integration("list");
            list.saveCredentials("c1", Credentials.bearer("t"));
            assertThat(list.client("c1").items("/things", JsonNode.class).map(item -> item.path("id").asInt()).toList())
                    .containsExactly(0, 1, 2, 3, 4);
            assertThat(sandbox.stats().apiRequests()).isBetween(2, 4);
        }
    }
}

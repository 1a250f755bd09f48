package dev.blueprint.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.internal.auth.CredentialValues;
import dev.blueprint.internal.auth.NoAuthentication;
import dev.blueprint.internal.ratelimit.Limiters;
import dev.blueprint.internal.ratelimit.RateLimitPolicy;
import dev.blueprint.internal.redact.Redactor;
import dev.blueprint.model.RateLimitConfig;
import dev.blueprint.model.RequestsConfig;
import dev.blueprint.model.RetryConfig;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.time.TimerScheduler;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/architecture.md lists the stages of both pipelines in order: the lists must stay what the code builds. */
class PipelineDocumentationTest {
    private static final Path ARCHITECTURE = Path.of(System.getProperty("blueprint.repo", ".."), "docs", "architecture.md");
    private static final RetryConfig RETRY = new RetryConfig(3, List.of(503), true, true, Set.of("GET"),
            new RetryConfig.Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 2.0, 0.0), Duration.ofMinutes(1));
    private static final RequestsConfig REQUESTS = new RequestsConfig("https://api.example.com", Map.of(), Map.of(),
            Duration.ofSeconds(5), Duration.ofSeconds(5));

    private static HttpParts parts(TimerScheduler scheduler) {
        RateLimitConfig limits = new RateLimitConfig(List.of(429), List.of("retry-after"), Optional.empty(), Optional.empty(),
                Optional.empty(), true, Duration.ofMinutes(1), Optional.empty());
        return new HttpParts("docs", new Redactor(List.of(), List.of()), new RateLimitPolicy(limits),
                new Limiters("docs", Optional.empty(), Optional.empty()), HttpClient::newHttpClient, Clock.systemUTC(), scheduler);
    }

    private static List<String> names(Pipeline pipeline) {
        return pipeline.stages().stream().map(stage -> stage.getClass().getSimpleName()).toList();
    }

    /** The stage names of the numbered list between the markers {@code <!-- name: ... -->} and {@code <!-- /name -->}. */
    private static List<String> documented(String marker) throws IOException {
        String text = Files.readString(ARCHITECTURE);
        Matcher section = Pattern.compile("(?s)<!-- " + marker + ":.*?-->(.*?)<!-- /" + marker + " -->").matcher(text);
        assertThat(section.find()).as("section %s in %s", marker, ARCHITECTURE).isTrue();
        return Pattern.compile("(?m)^\\d+\\. `(\\w+)`").matcher(section.group(1)).results().map(m -> m.group(1)).toList();
    }

    @Test
    void theApiPipelineIsTheOneDocumented() throws IOException {
        try (TimerScheduler scheduler = new TimerScheduler()) {
            ApiCaller caller = Pipeline.apiCaller(parts(scheduler), RetryRules.forApi(RETRY), REQUESTS,
                    new RequestTemplate(REQUESTS, Map.of()), new NoAuthentication(),
                    new CredentialValues(Optional.empty(), Optional.empty()), new InMemoryCredentialStore());
            assertThat(names(caller.pipeline())).containsExactlyElementsOf(documented("api-pipeline"));
        }
    }

    @Test
    void theTokenPipelineIsTheOneDocumented() throws IOException {
        try (TimerScheduler scheduler = new TimerScheduler()) {
            TokenRequests tokens = Pipeline.tokenRequests(parts(scheduler), RetryRules.forTokenRequests(RETRY), REQUESTS);
            assertThat(names(tokens.pipeline())).containsExactlyElementsOf(documented("token-pipeline"));
        }
    }
}

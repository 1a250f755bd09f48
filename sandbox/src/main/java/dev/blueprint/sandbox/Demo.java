package dev.blueprint.sandbox;

import dev.blueprint.ApiClient;
import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Integration;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.model.OAuth2Config;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.spi.Scheduler;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole story against a sandbox, told in readable lines: connect with OAuth (consent automated), first calls,
 * a rate limit respected without a 429, an access token expiring and refreshed once for many concurrent calls,
 * a timeout retried, and a summary.
 */
public final class Demo {
    /** What the demo observed, for its summary and for tests. */
    public record Summary(int requests, long waits, Duration waited, int refreshes, int retries, int throttled) {
    }

    static final int BURST = 60;
    static final int CONCURRENT = 40;
    static final Duration TOKEN_TTL = Duration.ofSeconds(10);

    private final BlueprintRef ref;
    private final Clock clock;
    private final Scheduler time;
    private final PrintWriter out;
    private final boolean terminal;

    /**
     * A demo printing plain lines, as for a file or a pipe.
     *
     * @param clock and {@code time}: real time for the CLI; a {@link ManualTime} in tests
     */
    public Demo(BlueprintRef ref, Clock clock, Scheduler time, PrintWriter out) {
        this(ref, clock, time, out, false);
    }

    /** @param terminal whether {@code out} is a terminal: then a progress bar moves in place during the burst */
    public Demo(BlueprintRef ref, Clock clock, Scheduler time, PrintWriter out, boolean terminal) {
        this.ref = ref;
        this.clock = clock;
        this.time = time;
        this.out = out;
        this.terminal = terminal;
    }

    public Summary run() throws Exception {
        Blueprint blueprint = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(ref);
        if (!(blueprint.auth() instanceof OAuth2Config)) {
            throw new IllegalArgumentException(ref + " uses auth mode " + blueprint.auth().mode()
                    + "; the demo tells the OAuth story: pick an oauth2 blueprint such as outreach:v0");
        }
        SandboxOptions options = SandboxOptions.defaults().withAccessTokenTtl(TOKEN_TTL)
                .withRateLimit(20, Duration.ofSeconds(2)).withClock(clock);
        CountingScheduler waits = new CountingScheduler(time);
        try (Sandbox sandbox = Sandbox.of(blueprint, options, 0);
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                     .integrations("demo.yaml", sandbox.integrationsYaml("demo", "      refresh: {margin: PT1S}\n", """
                                 oauth_scopes: [demo.read]
                                 rate_limit: {max_wait: PT30S}
                             """))
                     .clock(clock).scheduler(waits).credentialStore(new InMemoryCredentialStore()).build()) {
            say("%s (%s), played by a sandbox at %s", blueprint.displayName(), ref, sandbox.baseUri());
            say("  rate limit %d requests per %ds; access tokens live %ds", options.requestsPerWindow(),
                    options.window().toSeconds(), TOKEN_TTL.toSeconds());
            Integration demo = engine.integration("demo");

            step(1, "Connect with OAuth 2.0 (authorization code%s)", ((OAuth2Config) demo.blueprint().auth()).pkce() ? " + PKCE" : "");
            AuthorizationRequest request = demo.startAuthorization("alice", URI.create("http://127.0.0.1:1/callback"));
            say("  authorization URL: %s", request.url().toString().replaceAll("state=[^&]+", "state=…"));
            demo.completeAuthorization(consent(request));
            say("  consent given (automated), code exchanged, tokens stored for connection 'alice'");

            ApiClient alice = demo.client("alice");
            step(2, "First calls");
            for (String path : List.of("/prospects", "/accounts", "/sequences")) {
                HttpResponse<String> response = alice.get(path);
                say("  GET %-12s → %d %s", path, response.statusCode(), abbreviate(response.body()));
            }

            step(3, "A burst of %d requests from 8 threads against a limit of %d per %ds", BURST,
                    options.requestsPerWindow(), options.window().toSeconds());
            int throttledBefore = sandbox.stats().throttled();
            long waitsBefore = waits.waits();
            java.time.Instant burstStart = clock.instant();
            burst(alice, BURST, 8);
            say("  %d requests in %.1fs; 429s received: %d; requests held back for the reset %d time(s)",
                    BURST, Duration.between(burstStart, clock.instant()).toMillis() / 1000.0,
                    sandbox.stats().throttled() - throttledBefore, waits.waits() - waitsBefore);

            step(4, "The access token expires; %d calls arrive at once", CONCURRENT);
            java.time.Instant expiresAt = demo.connections().get(0).accessTokenExpiresAt().orElseThrow();
            Duration left = Duration.between(clock.instant(), expiresAt);
            say("  waiting %.1fs for the token to expire…", Math.max(0, left.toMillis()) / 1000.0);
            time.after(left).join();
            int refreshesBefore = sandbox.stats().refreshes();
            concurrent(alice, CONCURRENT);
            say("  %d calls succeeded with %d token refresh (single flight); the rotated refresh token was stored first",
                    CONCURRENT, sandbox.stats().refreshes() - refreshesBefore);

            step(5, "The provider stalls; the engine times out and retries");
            int before = sandbox.stats().apiRequests();
            sandbox.faults().stallNext(1);
            HttpResponse<String> retried = alice.request("GET", "/prospects").timeout(Duration.ofSeconds(1)).send();
            int attempts = sandbox.stats().apiRequests() - before;
            say("  GET /prospects → %d after %d attempts (the first timed out after 1s)", retried.statusCode(), attempts);

            SandboxStats stats = sandbox.stats();
            int calls = 3 + BURST + CONCURRENT + 1;
            Summary summary = new Summary(stats.apiRequests(), waits.waits(), waits.waited(), stats.refreshes(),
                    stats.apiRequests() - calls, stats.throttled());
            table(summary);
            return summary;
        }
    }

    private static Map<String, String> consent(AuthorizationRequest request) throws Exception {
        HttpResponse<Void> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(request.url()).build(), HttpResponse.BodyHandlers.discarding());
        URI location = URI.create(response.headers().firstValue("location")
                .orElseThrow(() -> new IllegalStateException("the authorize endpoint did not redirect")));
        return Sandbox.params(location.getRawQuery());
    }

    private void burst(ApiClient client, int requests, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(CompletableFuture.runAsync(() -> {
                client.get("/prospects");
                progress(done.incrementAndGet(), requests);
            }, pool));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        pool.shutdown();
        if (terminal) {
            out.println();
        } else {
            out.println("  " + requests + "/" + requests + " calls done");
        }
    }

    private int shown;

    /** On a terminal, a bar redrawn in place; in a file or a pipe that would be one endless line, so nothing. */
    private synchronized void progress(int done, int total) {
        if (!terminal || done <= shown) {
            return; // threads finish out of order; the bar only moves forward
        }
        shown = done;
        int width = 30;
        int filled = done * width / total;
        out.print("\r  [" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total);
        out.flush();
    }

    private static void concurrent(ApiClient client, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            all.add(CompletableFuture.runAsync(() -> client.get("/prospects"), pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        pool.shutdown();
    }

    private void table(Summary summary) {
        out.println();
        out.println("Summary");
        out.println("  +-----------------------------+--------+");
        row("API requests sent", Integer.toString(summary.requests()));
        row("waits (rate limit, backoff)", Long.toString(summary.waits()));
        row("token refreshes", Integer.toString(summary.refreshes()));
        row("retries", Integer.toString(summary.retries()));
        row("429s received", Integer.toString(summary.throttled()));
        out.println("  +-----------------------------+--------+");
        out.flush();
    }

    private void row(String name, String value) {
        out.printf("  | %-27s | %6s |%n", name, value);
    }

    private void step(int number, String format, Object... args) {
        out.println();
        out.printf(number + ". " + format + "%n", args);
        out.flush();
    }

    private void say(String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }

    private static String abbreviate(String body) {
        return body.length() > 60 ? body.substring(0, 57) + "..." : body;
    }
}

package dev.blueprint.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintException;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.model.AuthConfig;
import dev.blueprint.model.ClientCredentialsConfig;
import dev.blueprint.model.OAuth2Config;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "connect", mixinStandardHelpOptions = true,
        description = {"Connects an account and stores its credentials.",
            "oauth2: prints the authorization URL and receives the callback on a loopback-only server",
            "(http://127.0.0.1:PORT/callback; register that redirect URI with the provider).",
            "oauth2_client_credentials: fetches a token. api_key, basic, bearer: reads BLUEPRINT_API_KEY,",
            "BLUEPRINT_USERNAME/BLUEPRINT_PASSWORD or BLUEPRINT_TOKEN from the environment."})
final class ConnectCommand extends EngineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The integration.")
    String name;

    @Option(names = "--connection", paramLabel = "ID", defaultValue = "default", description = "The connection (default: ${DEFAULT-VALUE}).")
    String connection;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", description = "Callback port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT5M", description = "How long to wait for the callback (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--config", paramLabel = "NAME=VALUE", description = "A connection_config value; repeatable.")
    Map<String, String> config = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Integration integration = engineFor(name).integration(name);
        AuthConfig auth = integration.blueprint().auth();
        PrintWriter out = spec.commandLine().getOut();
        if (auth instanceof OAuth2Config) {
            authorize(integration, out);
        } else if (auth instanceof ClientCredentialsConfig) {
            integration.connectClientCredentials(connection, config);
        } else {
            EnvironmentCredentials source = EnvironmentCredentials.forMode(auth);
            Credentials credentials = source.from(main.environment()).orElseThrow(() -> new CliError(
                    "set " + source.variables() + " in the environment; credentials are never taken from the command line"));
            integration.saveCredentials(connection, credentials, config);
        }
        out.println("connected " + name + "/" + connection);
        out.flush();
        return 0;
    }

    /**
     * Runs the authorization code flow on a loopback server. The callback page tells the outcome of the code
     * exchange, not just its arrival; a callback whose state is not this flow's (forged, stale, or a second tab) is
     * answered 400 and the genuine one is still awaited.
     */
    private void authorize(Integration integration, PrintWriter out) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        AtomicReference<AuthorizationRequest> started = new AtomicReference<>();
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        server.createContext("/callback", exchange -> {
            try (exchange) {
                URI callbackUri = exchange.getRequestURI();
                AuthorizationRequest request = started.get();
                if (request == null || outcome.isDone() || !request.isCallbackFor(callbackUri)) {
                    page(exchange, 400, "This callback does not belong to the authorization in progress, so it was ignored.");
                    return;
                }
                try {
                    integration.completeAuthorization(callbackUri);
                    page(exchange, 200, "Connected " + name + "/" + connection + ". You can close this tab.");
                    outcome.complete(null);
                } catch (RuntimeException e) {
                    page(exchange, 400, "Authorization failed: " + (e instanceof BlueprintException ? e.getMessage() : "see the terminal")
                            + "\nYou can close this tab.");
                    outcome.completeExceptionally(e);
                }
            }
        });
        server.start();
        try {
            URI redirect = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
            AuthorizationRequest request = integration.startAuthorization(connection, redirect, config);
            started.set(request);
            out.println("Open this URL to authorize " + name + ":");
            out.println(request.url());
            out.println("Waiting for the callback on " + redirect + " ...");
            out.flush();
            try {
                outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new CliError("no callback within " + timeout + "; run connect again");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
        } finally {
            server.stop(0);
        }
    }

    private static void page(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(body);
        }
    }

    /** A user-facing failure of the CLI itself. */
    static final class CliError extends BlueprintException {
        CliError(String message) {
            super("cli", message);
        }
    }
}

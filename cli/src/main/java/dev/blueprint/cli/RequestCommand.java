package dev.blueprint.cli;

import dev.blueprint.ApiRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.store.InMemoryCredentialStore;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "request", mixinStandardHelpOptions = true,
        description = {"Calls an endpoint of an integration's API and prints the status and body.",
            "Credentials come from the environment, never the command line: BLUEPRINT_API_KEY (api_key),",
            "BLUEPRINT_TOKEN (bearer, or an OAuth access token), BLUEPRINT_USERNAME and BLUEPRINT_PASSWORD (basic)."})
final class RequestCommand extends EngineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The integration.")
    String name;

    @Parameters(index = "1", paramLabel = "METHOD", description = "GET, POST, PUT, PATCH, DELETE, ...")
    String method;

    @Parameters(index = "2", paramLabel = "PATH", description = "Path relative to the blueprint's base_url, e.g. /prospects.")
    String path;

    @Option(names = "--connection", paramLabel = "ID", defaultValue = "default", description = "The connection (default: ${DEFAULT-VALUE}).")
    String connection;

    @Option(names = "--data", paramLabel = "JSON", description = "A JSON request body.")
    String data;

    @Option(names = "--query", paramLabel = "NAME=VALUE", description = "A query parameter; repeatable.")
    Map<String, String> query = new LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "NAME=VALUE", description = "A connection_config value, e.g. subdomain=acme; repeatable.")
    Map<String, String> config = new LinkedHashMap<>();

    @Option(names = "--all", description = {"Follow the blueprint's pagination through every page and print each item as one",
        "line of JSON; the count goes to stderr. GET only."})
    boolean all;

    @Override
    public Integer call() {
        if (!method.matches("[A-Za-z]+")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "METHOD must be a word such as GET, got '" + method + "'");
        }
        if (all && (!method.equalsIgnoreCase("GET") || data != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--all pages through a list: GET without --data");
        }
        BlueprintEngine engine = engineFor(name);
        Integration integration = engine.integration(name);
        Optional<Credentials> fromEnvironment = EnvironmentCredentials.forMode(integration.blueprint().auth()).from(main.environment())
                .filter(c -> !(c instanceof Credentials.None) || !config.isEmpty());
        if (fromEnvironment.isPresent()) {
            // Credentials from the environment serve this run only: a stored connection (OAuth tokens, say) is never
            // replaced; storing them is what 'connect' is for.
            engine.close();
            engine = options.engine(main).integrations(options.integrations).focus(name)
                    .credentialStore(new InMemoryCredentialStore()).build();
            integration = engine.integration(name);
            integration.saveCredentials(connection, fromEnvironment.get(), config);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (all) {
            // One line per item as it arrives, so a long walk shows progress and can be piped into jq.
            java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();
            integration.client(connection).request(method, path).query(query).items().forEach(item -> {
                out.println(item.toString());
                counted.incrementAndGet();
            });
            long count = counted.get();
            out.flush();
            spec.commandLine().getErr().println(count + (count == 1 ? " item" : " items"));
            spec.commandLine().getErr().flush();
            return 0;
        }
        ApiRequest request = integration.client(connection).request(method, path).query(query).acceptErrorStatus();
        if (data != null) {
            request.json(data);
        }
        HttpResponse<String> response = request.send();
        out.println(response.statusCode());
        out.println(response.body());
        out.flush();
        return response.statusCode() < 400 ? 0 : 1;
    }
}

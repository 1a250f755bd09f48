package dev.blueprint.cli;

import dev.blueprint.ApiRequest;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.model.AuthConfig;
import dev.blueprint.model.ApiKeyConfig;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "request",
        description = {"Calls an endpoint of an integration's API and prints the status and body.",
            "Credentials come from the environment, never the command line: BLUEPRINT_API_KEY (api_key),",
            "BLUEPRINT_TOKEN (bearer, or an OAuth access token), BLUEPRINT_USERNAME and BLUEPRINT_PASSWORD (basic)."})
final class RequestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

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

    @Override
    public Integer call() {
        if (!method.matches("[A-Za-z]+")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "METHOD must be a word such as GET, got '" + method + "'");
        }
        Integration integration = options.engineWithIntegrations(main).integration(name);
        credentialsFromEnvironment(integration).ifPresent(c -> {
            Stores.warnIfUnencrypted(main, spec.commandLine().getErr());
            integration.saveCredentials(connection, c, config);
        });
        if (integration.blueprint().auth() instanceof AuthConfig.None && !config.isEmpty()) {
            integration.saveCredentials(connection, new Credentials.None(), config);
        }
        ApiRequest request = integration.client(connection).request(method, path).query(query);
        if (data != null) {
            request.json(data);
        }
        HttpResponse<String> response = request.send();
        PrintWriter out = spec.commandLine().getOut();
        out.println(response.statusCode());
        out.println(response.body());
        out.flush();
        return 0;
    }

    private Optional<Credentials> credentialsFromEnvironment(Integration integration) {
        Map<String, String> env = main.environment();
        AuthConfig auth = integration.blueprint().auth();
        if (auth instanceof ApiKeyConfig) {
            return Optional.ofNullable(env.get("BLUEPRINT_API_KEY")).map(Credentials::apiKey);
        }
        if (auth instanceof AuthConfig.Basic) {
            return Optional.ofNullable(env.get("BLUEPRINT_USERNAME"))
                    .map(user -> Credentials.basic(user, env.getOrDefault("BLUEPRINT_PASSWORD", "")));
        }
        if (auth instanceof AuthConfig.Bearer) {
            return Optional.ofNullable(env.get("BLUEPRINT_TOKEN")).map(Credentials::bearer);
        }
        if (auth instanceof AuthConfig.None) {
            return Optional.empty();
        }
        return Optional.ofNullable(env.get("BLUEPRINT_TOKEN")).map(token -> new Credentials.OAuth2Tokens(
                dev.blueprint.Secret.of(token), Optional.empty(), Optional.empty(), Optional.empty()));
    }
}

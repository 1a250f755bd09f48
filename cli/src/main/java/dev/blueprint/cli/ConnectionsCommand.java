package dev.blueprint.cli;

import dev.blueprint.ConnectionStatus;
import dev.blueprint.Integration;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "connections", mixinStandardHelpOptions = true, description = "Lists an integration's connections: ok, expires soon, or needs reauthorization, and their connection_config values.")
final class ConnectionsCommand extends EngineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The integration.")
    String name;

    @Override
    public Integer call() {
        Integration integration = engineFor(name).integration(name);
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-24s %-24s %-26s %-32s %s%n";
        out.printf(format, "CONNECTION", "STATUS", "ACCESS TOKEN EXPIRES", "CONFIG", "REASON");
        for (ConnectionStatus status : integration.connections()) {
            String config = status.config().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replaceAll("\\p{Cntrl}", "?"))
                    .collect(Collectors.joining(" "));
            out.printf(format, status.connectionId(), status.state().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    status.accessTokenExpiresAt().map(Object::toString).orElse("-"), config.isEmpty() ? "-" : config,
                    status.reason().orElse(""));
        }
        out.flush();
        return 0;
    }
}

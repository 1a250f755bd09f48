package dev.blueprint.cli;

import dev.blueprint.BlueprintException;
import dev.blueprint.ConfigurationException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar blueprint.jar COMMAND}: exit 0 on success, 1 when the input or the remote call failed,
 * 2 on wrong usage. User errors print readable lines, never a stack trace (unless {@code --debug}).
 */
@Command(name = "blueprint",
        mixinStandardHelpOptions = true,
        version = "blueprint 0.1.0",
        description = "Turns YAML blueprints of third-party APIs into well-behaved API clients.",
        subcommands = {
            ValidateCommand.class,
            ListCommand.class,
            ShowCommand.class,
            ResolveCommand.class,
            RequestCommand.class,
            ConnectCommand.class,
            ConnectionsCommand.class,
            LintCommand.class,
            DocsCommand.class,
            DemoCommand.class,
            SandboxCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    private Main(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The variables {@code ${NAME}} reads. */
    Map<String, String> environment() {
        return environment;
    }

    public static void main(String[] args) {
        Logging.configure(java.util.Arrays.asList(args).contains("--verbose") || java.util.Arrays.asList(args).contains("-v"));
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(), args));
    }

    /** Runs the CLI with the given streams and environment and returns the exit code; used by tests. */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        CommandLine cli = new CommandLine(new Main(environment));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            return report(exception, commandLine.getErr(), debug);
        });
        return cli.execute(args);
    }

    /**
     * One readable message and, where the fix is known, a hint; the stack trace only with {@code --debug}. The
     * engine's own exceptions and argument errors say what went wrong in words; only a bug shows as "unexpected".
     */
    static int report(Exception exception, PrintWriter err, boolean debug) {
        if (exception instanceof ConfigurationException config) {
            config.problems().forEach(err::println);
        } else if (exception instanceof BlueprintException known) {
            err.println("error: " + known.getMessage());
            Hints.forError(known).ifPresent(hint -> err.println("hint: " + hint));
        } else if (Hints.saysWhatWentWrong(exception)) {
            err.println("error: " + exception.getMessage());
        } else {
            err.println("error: unexpected " + exception.getClass().getSimpleName()
                    + (debug ? "" : "; run again with --debug for details"));
        }
        if (debug) {
            exception.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; try 'blueprint help'");
    }
}

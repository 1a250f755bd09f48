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
        description = "Turns YAML blueprints of third-party APIs into well-behaved API clients.")
public final class Main implements Runnable {
    /** Every command, in the order help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands();
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
        // picocli reads a command's annotations when it is added: only the command being run is, unless help lists all.
        Class<?> invoked = args.length == 0 || args[0].equals("help") ? null : COMMANDS.get(args[0]);
        if (invoked != null) {
            cli.addSubcommand(args[0], invoked);
        } else {
            COMMANDS.forEach(cli::addSubcommand);
        }
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
            Hints.forArgument(exception).ifPresent(hint -> err.println("hint: " + hint));
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

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new java.util.LinkedHashMap<>();
        commands.put("validate", ValidateCommand.class);
        commands.put("list", ListCommand.class);
        commands.put("show", ShowCommand.class);
        commands.put("resolve", ResolveCommand.class);
        commands.put("request", RequestCommand.class);
        commands.put("connect", ConnectCommand.class);
        commands.put("connections", ConnectionsCommand.class);
        commands.put("lint", LintCommand.class);
        commands.put("docs", DocsCommand.class);
        commands.put("demo", DemoCommand.class);
        commands.put("sandbox", SandboxCommand.class);
        commands.put("import", dev.blueprint.cli.imports.ImportCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(commands);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; try 'blueprint help'");
    }
}

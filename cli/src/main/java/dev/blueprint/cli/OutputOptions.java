package dev.blueprint.cli;

import picocli.CommandLine.Option;

/**
 * Options every command has, those that need no integrations file included: {@code --debug} and {@code --verbose}.
 * Both are read before the command runs ({@link Main}), since logging is set up before anything logs.
 */
public final class OutputOptions {
    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

    @Option(names = {"-v", "--verbose"}, description = "Show the engine's log lines (requests, retries, waits) on stderr.")
    boolean verbose;
}

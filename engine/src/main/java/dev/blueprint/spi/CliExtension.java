package dev.blueprint.spi;

import java.util.List;

/**
 * Adds subcommands to the {@code blueprint} CLI, found with {@link java.util.ServiceLoader}; the sandbox module
 * contributes {@code demo} and {@code sandbox} this way, since the engine cannot depend on it.
 */
public interface CliExtension {
    /** picocli command objects ({@code @Command}-annotated), added as subcommands. */
    List<Object> commands();
}

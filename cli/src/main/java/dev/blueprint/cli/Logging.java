package dev.blueprint.cli;

/**
 * The CLI is quiet by default: results on stdout, problems on stderr, and of the log only the engine's warnings
 * (a store others can read); {@code --verbose} adds the engine's request lines. Third-party libraries stay silent
 * (sqlite-jdbc reports at ERROR that it could not delete an old copy of its native library, which is nobody's
 * problem). Configures slf4j-simple, the CLI jar's logger, before anything logs.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "off");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.blueprint", verbose ? "debug" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "false");
    }

    /** A user's own -Dorg.slf4j.simpleLogger... setting wins. */
    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}

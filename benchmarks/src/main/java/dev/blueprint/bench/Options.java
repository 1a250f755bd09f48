package dev.blueprint.bench;

import java.util.List;
import java.util.Set;

/** A harness's command-line flags: an unknown one stops it with its usage instead of starting a long run. */
final class Options {
    private final List<String> given;

    private Options(List<String> given) {
        this.given = given;
    }

    /**
     * The flags, or a one-line error naming the first unknown flag and the usage, and exit status 2.
     *
     * @param usage e.g. {@code "java -jar benchmarks.jar [--quick]"}
     */
    static Options parse(String[] args, Set<String> known, String usage) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("usage: " + usage);
                System.exit(0);
            }
            if (!known.contains(arg)) {
                System.err.println("unknown option " + arg + "; usage: " + usage);
                System.exit(2);
            }
        }
        return new Options(List.of(args));
    }

    boolean has(String flag) {
        return given.contains(flag);
    }
}

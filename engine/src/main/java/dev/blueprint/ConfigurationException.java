package dev.blueprint;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration (integrations file, blueprints, environment) is invalid. Carries every problem found,
 * not only the first, each with its file position.
 */
public class ConfigurationException extends BlueprintException {
    private final transient List<ConfigProblem> problems;

    public ConfigurationException(List<ConfigProblem> problems) {
        super("configuration", describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one problem");
        }
        String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
        return count + ":\n" + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }
}

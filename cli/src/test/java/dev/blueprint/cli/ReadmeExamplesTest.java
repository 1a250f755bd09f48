package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples are run, in order, so they cannot drift: a {@code yaml} block whose first line is
 * {@code # FILE} writes that file; each {@code $ blueprint ...} line of a {@code console} block runs (with
 * {@code VAR=...} giving a variable a value) and must print what follows it, where a {@code ...} line stands for any
 * lines. A block after {@code <!-- example: not run -->} needs a provider's servers and is only read.
 */
class ReadmeExamplesTest {
    private static final Path README = Path.of(System.getProperty("blueprint.repo", ".."), "README.md");
    private static final Pattern BLOCK = Pattern.compile("(?s)(<!-- example: not run[^>]*-->\\s*)?```(yaml|console)\\n(.*?)```");
    private static final Pattern COMMAND = Pattern.compile("\\$ ((?:[A-Z_]+=\\S+ )*)blueprint (.*)");

    @TempDir
    Path dir;

    @Test
    void everyExampleOfTheReadmePrintsWhatItShows() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher block = BLOCK.matcher(readme);
        int commands = 0;
        while (block.find()) {
            if (block.group(1) != null) {
                continue;
            }
            String body = block.group(3);
            if (block.group(2).equals("yaml")) {
                String first = body.lines().findFirst().orElse("");
                if (first.startsWith("# ") && first.endsWith(".yaml")) {
                    Files.writeString(dir.resolve(first.substring(2).trim()), body, StandardCharsets.UTF_8);
                }
                continue;
            }
            commands += runConsole(body);
        }
        assertThat(commands).as("commands run from the README").isGreaterThanOrEqualTo(3);
    }

    /** Runs each command of a console block and compares its output; returns how many ran. */
    private int runConsole(String body) {
        List<String> lines = body.lines().toList();
        int ran = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher command = COMMAND.matcher(lines.get(i));
            if (!command.matches()) {
                continue;
            }
            List<String> expected = new ArrayList<>();
            for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("$ "); j++) {
                expected.add(lines.get(j));
            }
            List<String> actual = run(command.group(1), command.group(2));
            assertMatches(lines.get(i), expected, actual);
            ran++;
        }
        return ran;
    }

    private List<String> run(String variables, String arguments) {
        Map<String, String> env = new HashMap<>();
        env.put("BLUEPRINT_HOME", dir.resolve("home").toString());
        for (String assignment : variables.trim().split(" ")) {
            if (!assignment.isEmpty()) {
                String[] pair = assignment.split("=", 2);
                env.put(pair[0], pair[1].equals("...") ? "example-secret-value" : pair[1]);
            }
        }
        List<String> args = new ArrayList<>(List.of(arguments.replaceAll("\\s+#.*$", "").trim().split("\\s+")));
        args.add("--integrations");
        args.add(dir.resolve("integrations.yaml").toString());
        StringWriter out = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), env, args.toArray(String[]::new));
        assertThat(exit).as("exit code of blueprint %s", arguments).isIn(0, 1);
        String prefix = dir + java.io.File.separator;
        return out.toString().replace(prefix, "").lines().toList();
    }

    /** Line by line; a "..." line matches any lines up to the next expected one. */
    private static void assertMatches(String command, List<String> expected, List<String> actual) {
        int a = 0;
        for (int e = 0; e < expected.size(); e++) {
            String want = expected.get(e);
            if (want.trim().equals("...")) {
                String next = e + 1 < expected.size() ? expected.get(e + 1) : null;
                while (a < actual.size() && (next == null || !actual.get(a).equals(next))) {
                    a++;
                }
                continue;
            }
            assertThat(a).as("%s: output ended before %s; it was%n%s", command, want, String.join("\n", actual)).isLessThan(actual.size());
            assertThat(actual.get(a)).as("%s, line %d; the output was%n%s", command, a + 1, String.join("\n", actual)).isEqualTo(want);
            a++;
        }
        assertThat(a).as("%s printed more than the README shows:%n%s", command, String.join("\n", actual)).isEqualTo(actual.size());
    }
}

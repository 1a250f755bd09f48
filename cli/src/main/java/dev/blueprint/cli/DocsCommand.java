package dev.blueprint.cli;

import dev.blueprint.cli.docs.DocsGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "docs", mixinStandardHelpOptions = true, description = {"Writes docs/blueprints/<name>.md for each blueprint and docs/blueprints/README.md.",
    "--check: writes nothing; exit 1 when a committed page differs from what the blueprints generate."})
final class DocsCommand extends EngineCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/blueprints", description = "Where the pages go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--check", description = "Compare instead of writing.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        Map<String, String> pages = new DocsGenerator().generate(options.engine(main).build().catalog());
        PrintWriter stdout = spec.commandLine().getOut();
        if (!check) {
            Files.createDirectories(out);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                Files.writeString(out.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
            }
            for (Path stale : stale(pages)) {
                Files.delete(stale);
            }
            stdout.println("wrote " + pages.size() + " pages to " + out);
            return 0;
        }
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = out.resolve(page.getKey());
            if (!Files.exists(file)) {
                differences.add(file + ": missing; run 'blueprint docs'");
            } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
                differences.add(file + ": differs from what its blueprint generates; run 'blueprint docs'");
            }
        }
        stale(pages).forEach(file -> differences.add(file + ": no blueprint generates it; run 'blueprint docs'"));
        differences.forEach(stdout::println);
        if (differences.isEmpty()) {
            stdout.println(pages.size() + " pages up to date");
            return 0;
        }
        return 1;
    }

    private List<Path> stale(Map<String, String> pages) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md") && !pages.containsKey(f.getFileName().toString()))
                    .sorted().toList();
        }
    }
}

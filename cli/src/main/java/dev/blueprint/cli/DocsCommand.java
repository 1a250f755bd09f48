package dev.blueprint.cli;

import dev.blueprint.cli.docs.DocsGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "docs", mixinStandardHelpOptions = true, description = {"Writes docs/blueprints/<name>.md for each blueprint and docs/blueprints/README.md;",
    "inside a checkout, from the working tree's blueprints/, and blueprints/index.tsv (what 'list' reads) too.",
    "--check: writes nothing; exit 1 when a committed page or the index differs from what the blueprints generate."})
final class DocsCommand extends EngineCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/blueprints", description = "Where the pages go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--check", description = "Compare instead of writing.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        CatalogChoice choice = CatalogChoice.of(this);
        Map<Path, String> outputs = new LinkedHashMap<>();
        new DocsGenerator().generate(choice.catalog()).forEach((name, page) -> outputs.put(out.resolve(name), page));
        if (choice.workingTree() != null) {
            outputs.put(choice.workingTree().resolve("index.tsv"), choice.catalog().indexText());
        }
        Set<String> pageNames = outputs.keySet().stream().filter(p -> out.equals(p.getParent()))
                .map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        PrintWriter stdout = spec.commandLine().getOut();
        if (!check) {
            Files.createDirectories(out);
            for (Map.Entry<Path, String> output : outputs.entrySet()) {
                Files.writeString(output.getKey(), output.getValue(), StandardCharsets.UTF_8);
            }
            for (Path stale : stale(pageNames)) {
                Files.delete(stale);
            }
            stdout.println("wrote " + pageNames.size() + " pages to " + out
                    + (choice.workingTree() != null ? " and " + choice.workingTree().resolve("index.tsv") : "")
                    + " from " + choice.description());
            return 0;
        }
        List<String> differences = new ArrayList<>();
        for (Map.Entry<Path, String> output : outputs.entrySet()) {
            Path file = output.getKey();
            if (!Files.exists(file)) {
                differences.add(file + ": missing; run 'blueprint docs'");
            } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(output.getValue())) {
                differences.add(file + ": differs from what " + (file.getFileName().toString().equals("index.tsv")
                        ? "the blueprints generate" : "its blueprint generates") + "; run 'blueprint docs'");
            }
        }
        stale(pageNames).forEach(file -> differences.add(file + ": no blueprint generates it; run 'blueprint docs'"));
        differences.forEach(stdout::println);
        if (differences.isEmpty()) {
            stdout.println(pageNames.size() + " pages up to date" + (choice.workingTree() != null ? ", and the index," : "")
                    + " for " + choice.description());
            return 0;
        }
        return 1;
    }

    private List<Path> stale(Set<String> pages) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md") && !pages.contains(f.getFileName().toString()))
                    .sorted().toList();
        }
    }
}

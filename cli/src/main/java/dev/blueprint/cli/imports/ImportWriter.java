package dev.blueprint.cli.imports;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.ConfigProblem;
import dev.blueprint.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes imported blueprints only once they validate: each is written to a scratch folder next to the output, the
 * engine checks them all as it checks the catalog, a blueprint with problems is reported with them and left out, and
 * the rest are moved into place. Nothing is written when an output folder already exists.
 */
final class ImportWriter {
    /** What was written, and what was left out with its problems. */
    record Outcome(List<Imported> written, Map<String, List<String>> invalid) {
    }

    private ImportWriter() {
    }

    static Outcome write(List<Imported> imports, Path out) {
        List<Imported> blueprints = imports.stream().filter(i -> i.tree() != null).toList();
        for (Imported imported : blueprints) {
            if (Files.exists(out.resolve(imported.name()))) {
                throw new IllegalArgumentException(out.resolve(imported.name()) + " exists; remove it or choose another --out (nothing was written)");
            }
        }
        try {
            Files.createDirectories(out);
            Path scratch = Files.createTempDirectory(out, ".import-");
            try {
                for (Imported imported : blueprints) {
                    Path folder = Files.createDirectories(scratch.resolve(imported.name()));
                    Files.writeString(folder.resolve("v0.yaml"), BlueprintYaml.write(imported.header(), imported.tree()));
                }
                Map<String, List<String>> invalid = validate(scratch, blueprints);
                List<Imported> written = new ArrayList<>();
                for (Imported imported : blueprints) {
                    if (!invalid.containsKey(imported.name())) {
                        Files.move(scratch.resolve(imported.name()), out.resolve(imported.name()), StandardCopyOption.ATOMIC_MOVE);
                        written.add(imported);
                    }
                }
                return new Outcome(written, invalid);
            } finally {
                delete(scratch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Problems by blueprint name, found the way {@code blueprint lint} finds them; blueprints without any are absent.
     * A blueprint that stops the catalog from loading is taken out of the scratch folder and the rest checked again.
     */
    private static Map<String, List<String>> validate(Path scratch, List<Imported> blueprints) throws IOException {
        Map<String, List<String>> invalid = new LinkedHashMap<>();
        for (int round = 0; round < 3 && !blueprints.isEmpty(); round++) {
            try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).withoutBundledCatalog().blueprints(scratch).build()) {
                engine.catalog().refs().forEach(ref -> {
                    List<ConfigProblem> problems = engine.catalog().check(ref);
                    if (!problems.isEmpty()) {
                        invalid.put(ref.name(), problems.stream().map(ImportWriter::describe).toList());
                    }
                });
                return invalid;
            } catch (ConfigurationException e) {
                for (ConfigProblem problem : e.problems()) {
                    Path file = Path.of(problem.position().file());
                    String name = file.getParent() == null ? file.toString() : file.getParent().getFileName().toString();
                    invalid.computeIfAbsent(name, n -> new ArrayList<>()).add(describe(problem));
                    delete(scratch.resolve(name));
                }
            }
        }
        return invalid;
    }

    private static String describe(ConfigProblem problem) {
        return (problem.path().isEmpty() ? "" : problem.path() + ": ") + problem.message();
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

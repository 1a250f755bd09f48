package dev.blueprint.cli.imports;

import dev.blueprint.YamlFiles;
import dev.blueprint.cli.OutputOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blueprint import}: blueprints from the formats users already have. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Makes blueprints from other formats: a Nango providers.yaml, or an OpenAPI 3 document.",
        subcommands = {ImportCommand.Nango.class, ImportCommand.OpenApi.class})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Reports what was written, what could not be carried over, and what was skipped; exit 1 when nothing was written. */
    static int report(PrintWriter out, PrintWriter err, List<Imported> imports, ImportWriter.Outcome outcome, Path dir) {
        for (Imported imported : outcome.written()) {
            out.println("wrote " + dir.resolve(imported.name()).resolve("v0.yaml"));
            imported.notes().forEach(note -> out.println("  not carried over: " + note));
        }
        outcome.invalid().forEach((name, problems) -> {
            err.println("left out " + name + ": the result does not validate");
            problems.forEach(problem -> err.println("  " + problem));
        });
        imports.stream().filter(i -> i.skipped() != null).forEach(i -> err.println("skipped " + i.name() + ": " + i.skipped()));
        out.println(outcome.written().size() + " blueprint" + (outcome.written().size() == 1 ? "" : "s") + " written to " + dir
                + "; check them against the providers' documentation, then run: blueprint lint --blueprints " + dir);
        out.flush();
        err.flush();
        return outcome.written().isEmpty() ? 1 : 0;
    }

    static byte[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "nango", mixinStandardHelpOptions = true, description = {"Converts providers of Nango's providers.yaml.",
        "Prints, per provider, what could not be carried over; writes only blueprints that validate."})
    static final class Nango implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PROVIDERS_YAML", description = "Nango's providers.yaml (or a file in its format).")
        Path file;

        @Option(names = "--only", paramLabel = "NAME", split = ",", description = "Only these providers; repeatable or comma-separated.")
        List<String> only = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write <name>/v0.yaml.")
        Path out;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            NangoImporter importer = new NangoImporter(file.toString(), YamlFiles.read(file.toString(), read(file)));
            for (String name : only) {
                if (!importer.names().contains(name)) {
                    throw new IllegalArgumentException("--only " + name + ": no such provider in " + file);
                }
            }
            List<Imported> imports = (only.isEmpty() ? List.copyOf(importer.names()) : only).stream().map(importer::convert).toList();
            ImportWriter.Outcome outcome = ImportWriter.write(imports, out);
            return report(spec.commandLine().getOut(), spec.commandLine().getErr(), imports, outcome, out);
        }
    }

    @Command(name = "openapi", mixinStandardHelpOptions = true, description = {"A blueprint skeleton from an OpenAPI 3 document:",
        "servers, server variables and security schemes; TODO comments mark what a person must decide."})
    static final class OpenApi implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SPEC", description = "An OpenAPI 3.0 or 3.1 document, YAML or JSON.")
        Path file;

        @Option(names = "--name", paramLabel = "NAME", description = "The blueprint's name (default: from info.title).")
        String name;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write <name>/v0.yaml.")
        Path out;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            Imported imported = OpenApiImporter.convert(file, name);
            ImportWriter.Outcome outcome = ImportWriter.write(List.of(imported), out);
            return report(spec.commandLine().getOut(), spec.commandLine().getErr(), List.of(imported), outcome, out);
        }
    }
}

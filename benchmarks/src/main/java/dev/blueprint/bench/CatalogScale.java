package dev.blueprint.bench;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.model.BlueprintRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How catalog loading scales: the bundled catalog listed from its index (what every CLI start pays) and validated
 * blueprint by blueprint (what lint pays), and directories of 1,000 and 5,000 generated blueprints loaded and
 * validated (what an engine with --blueprints pays). Cost per blueprint must stay flat as the count grows.
 */
final class CatalogScale {
    record Row(String catalog, int blueprints, double listMillis, double validateMillis) {
        double microsPerBlueprint() {
            return validateMillis * 1000 / blueprints;
        }
    }

    static List<Row> run(int... sizes) throws Exception {
        List<Row> rows = new ArrayList<>();
        // Bundled: listed from the index; each blueprint read and validated only when asked.
        long start = System.nanoTime();
        int bundled;
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).build()) {
            bundled = engine.catalog().entries().size();
            double list = (System.nanoTime() - start) / 1e6;
            long validating = System.nanoTime();
            for (BlueprintRef ref : engine.catalog().refs()) {
                if (!engine.catalog().check(ref).isEmpty()) {
                    throw new IllegalStateException(ref + " does not validate");
                }
            }
            rows.add(new Row("bundled (index)", bundled, list, (System.nanoTime() - validating) / 1e6));
        }
        String template = template();
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("catalog-scale-");
            try {
                for (int i = 0; i < size; i++) {
                    String name = "generated-" + i;
                    Path folder = Files.createDirectories(dir.resolve(name));
                    Files.writeString(folder.resolve("v0.yaml"), template.replaceFirst("(?m)^name: .*$", "name: " + name));
                }
                long loading = System.nanoTime();
                try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).withoutBundledCatalog().blueprints(dir).build()) {
                    double validate = (System.nanoTime() - loading) / 1e6; // extra directories are read and checked at build
                    long listing = System.nanoTime();
                    int listed = engine.catalog().entries().size();
                    rows.add(new Row(size + " generated (directory)", listed, (System.nanoTime() - listing) / 1e6, validate));
                }
            } finally {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
        return rows;
    }

    /** A real, full blueprint to copy: the bundled Zendesk one (templated host, OAuth, pagination, errors). */
    private static String template() throws IOException {
        try (InputStream in = CatalogScale.class.getClassLoader().getResourceAsStream("blueprints/zendesk/v0.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the bundled catalog is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package dev.blueprint.internal.catalog;

import dev.blueprint.ConfigProblem;
import dev.blueprint.SourcePosition;
import dev.blueprint.internal.text.Suggestions;
import dev.blueprint.internal.yaml.YamlLoader;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.model.CatalogEntry;
import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import dev.blueprint.yaml.YNode;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The blueprints the engine knows: {@code blueprints/<name>/v<N>.yaml} bundled in the jar, then any extra
 * directories of the same layout (a later directory's blueprint replaces an earlier one of the same
 * name and version). Each file's {@code name} must equal its folder and {@code version} its file name.
 */
public final class BlueprintCatalog {
    private static final Pattern FOLDER = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern FILE = Pattern.compile("(v[0-9]+)\\.yaml");
    private static final String BUNDLED_ROOT = "blueprints";

    /** A blueprint of the catalog: read at load (other directories), or when first asked for (the bundled ones). */
    private static final class Slot {
        private final Optional<CatalogEntry> indexed;
        private final Supplier<Either<String, BlueprintSource>> reader;
        private Either<String, BlueprintSource> source;

        Slot(Optional<CatalogEntry> indexed, Supplier<Either<String, BlueprintSource>> reader) {
            this.indexed = indexed;
            this.reader = reader;
        }

        static Slot loaded(BlueprintSource source) {
            return new Slot(Optional.empty(), () -> Either.right(source));
        }

        synchronized Either<String, BlueprintSource> source() {
            if (source == null) {
                source = reader.get();
            }
            return source;
        }
    }

    private final Map<BlueprintRef, Slot> slots;
    private final List<BlueprintSource> extraSources;
    private final List<ConfigProblem> problems;

    private BlueprintCatalog(Map<BlueprintRef, Slot> slots, List<BlueprintSource> extraSources, List<ConfigProblem> problems) {
        this.slots = Collections.unmodifiableMap(new TreeMap<>(slots));
        this.extraSources = List.copyOf(extraSources);
        this.problems = List.copyOf(problems);
    }

    /** The bundled catalog, then each of {@code extraDirectories}. */
    public static BlueprintCatalog load(List<Path> extraDirectories) {
        return load(extraDirectories, true);
    }

    /**
     * Each of {@code extraDirectories}, after the bundled catalog when {@code withBundled} (without it, a working tree's
     * {@code blueprints/} is the whole catalog, as a contributor's lint and docs want). Bundled blueprints are read
     * when first asked for, listed from {@code blueprints/index.tsv}; the others are read and checked now.
     */
    public static BlueprintCatalog load(List<Path> extraDirectories, boolean withBundled) {
        Loader loader = new Loader();
        if (withBundled) {
            loader.loadBundled();
        }
        extraDirectories.forEach(loader::loadDirectory);
        return new BlueprintCatalog(loader.slots, List.copyOf(loader.extraSources.values()), loader.problems);
    }

    /** Problems found while reading the catalog's files (not yet schema problems). */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Every blueprint reference, in order. */
    public Set<BlueprintRef> refs() {
        return slots.keySet();
    }

    /** The blueprints read from directories other than the bundled catalog, which validation checks at load. */
    public List<BlueprintSource> extraSources() {
        return extraSources;
    }

    /** What the index says of a bundled blueprint, without reading it; empty for the others. */
    public Optional<CatalogEntry> indexed(BlueprintRef ref) {
        Slot slot = slots.get(ref);
        return slot == null ? Optional.empty() : slot.indexed;
    }

    /** The blueprint {@code ref}, or a message naming what exists. */
    public Either<String, BlueprintSource> find(BlueprintRef ref) {
        Slot slot = slots.get(ref);
        if (slot != null) {
            return slot.source();
        }
        List<String> versions = slots.keySet().stream()
                .filter(r -> r.name().equals(ref.name())).map(BlueprintRef::version).toList();
        if (!versions.isEmpty()) {
            return Either.left("blueprint '" + ref.name() + "' has no version " + ref.version()
                    + "; available: " + String.join(", ", versions));
        }
        List<String> names = slots.keySet().stream().map(BlueprintRef::name).distinct().toList();
        String hint = Suggestions.closest(ref.name(), names).map(n -> "; did you mean '" + n + "'?").orElse("");
        return Either.left("unknown blueprint '" + ref.name() + "'" + hint + " (" + names.size()
                + " known; run 'blueprint list')");
    }

    /** Reads files and checks their locations; collects problems instead of throwing. */
    private static final class Loader {
        private final Map<BlueprintRef, Slot> slots = new TreeMap<>();
        /** By reference, so a later directory replaces an earlier one's blueprint in constant time (5,000 stay linear). */
        private final Map<BlueprintRef, BlueprintSource> extraSources = new LinkedHashMap<>();
        private final List<ConfigProblem> problems = new ArrayList<>();
        private YamlLoader yaml; // only when a file is read: listing from the index reads none

        /** From the index when the jar has one (listing reads nothing else); else every file, as other directories. */
        void loadBundled() {
            Optional<String> index = resource(BUNDLED_ROOT + "/" + CatalogIndex.FILE);
            if (index.isPresent()) {
                for (CatalogEntry entry : CatalogIndex.parse(index.get())) {
                    BlueprintRef ref = entry.ref();
                    slots.put(ref, new Slot(Optional.of(entry), () -> readBundled(ref)));
                }
                return;
            }
            scanBundled();
        }

        /** One bundled blueprint, read when first asked for; the catalog's tests keep these valid. */
        private static Either<String, BlueprintSource> readBundled(BlueprintRef ref) {
            String shown = BUNDLED_ROOT + "/" + ref.name() + "/" + ref.version() + ".yaml";
            Loader loader = new Loader();
            Optional<String> text = resource(shown);
            if (text.isEmpty()) {
                return Either.left("the bundled " + shown + " is listed in " + CatalogIndex.FILE + " but missing from the jar");
            }
            loader.loadBytes(ref, text.get().getBytes(StandardCharsets.UTF_8), shown, true);
            BlueprintSource source = loader.slots.containsKey(ref) ? loader.slots.get(ref).source().getOrNull() : null;
            if (source == null) {
                return Either.left(loader.problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
            }
            return Either.right(source);
        }

        private static Optional<String> resource(String path) {
            try (InputStream in = BlueprintCatalog.class.getClassLoader().getResourceAsStream(path)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + " from the jar", e);
            }
        }

        private void scanBundled() {
            try {
                Enumeration<URL> roots = BlueprintCatalog.class.getClassLoader().getResources(BUNDLED_ROOT);
                while (roots.hasMoreElements()) {
                    URI uri = roots.nextElement().toURI();
                    if ("jar".equals(uri.getScheme())) {
                        loadTree(jarFileSystem(uri).getPath(BUNDLED_ROOT), BUNDLED_ROOT, true);
                    } else {
                        loadTree(Path.of(uri), BUNDLED_ROOT, true);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled blueprint catalog", e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the bundled blueprint catalog", e);
            }
        }

        private YamlLoader yaml() {
            if (yaml == null) {
                yaml = new YamlLoader();
            }
            return yaml;
        }

        void loadDirectory(Path directory) {
            if (!Files.isDirectory(directory)) {
                problems.add(new ConfigProblem(SourcePosition.startOf(directory.toString()), "",
                        "blueprint directory does not exist or is not a directory"));
                return;
            }
            loadTree(directory, directory.toString(), false);
        }

        private static FileSystem jarFileSystem(URI uri) throws IOException {
            try {
                return FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                return FileSystems.getFileSystem(uri);
            }
        }

        private void loadTree(Path root, String shownRoot, boolean bundled) {
            try (Stream<Path> folders = Files.list(root)) {
                for (Path folder : folders.sorted().toList()) {
                    if (Files.isDirectory(folder)) {
                        loadFolder(folder, shownRoot + "/" + fileName(folder), bundled);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list blueprints in " + shownRoot, e);
            }
        }

        private void loadFolder(Path folder, String shownFolder, boolean bundled) throws IOException {
            String name = fileName(folder);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    String shown = shownFolder + "/" + fileName(file);
                    Matcher version = FILE.matcher(fileName(file));
                    if (!version.matches()) {
                        if (fileName(file).endsWith(".yaml") || fileName(file).endsWith(".yml")) {
                            problems.add(new ConfigProblem(SourcePosition.startOf(shown), "",
                                    "blueprint files must be named v<N>.yaml, such as v0.yaml"));
                        }
                        continue;
                    }
                    if (!FOLDER.matcher(name).matches()) {
                        problems.add(new ConfigProblem(SourcePosition.startOf(shown), "",
                                "blueprint folder '" + name + "' must be a lowercase name of letters, digits, '-' and '_'"));
                        continue;
                    }
                    loadFile(new BlueprintRef(name, version.group(1)), file, shown, bundled);
                }
            }
        }

        private void loadFile(BlueprintRef ref, Path file, String shown, boolean bundled) {
            // A blueprint folder is configuration too: a directory or a device named v0.yaml is a problem, not a crash.
            var read = yaml().read(file, shown);
            if (read.isInvalid()) {
                problems.add(read.getError());
                return;
            }
            loadBytes(ref, read.get(), shown, bundled);
        }

        private void loadBytes(BlueprintRef ref, byte[] bytes, String shown, boolean bundled) {
            yaml().load(shown, bytes, Origin.Source.BLUEPRINT).fold(
                    found -> problems.addAll(found),
                    tree -> {
                        if (checkIdentity(ref, tree)) {
                            BlueprintSource source = new BlueprintSource(ref, shown, new String(bytes, StandardCharsets.UTF_8), tree, bundled);
                            slots.put(ref, Slot.loaded(source));
                            extraSources.remove(ref);
                            if (!bundled) {
                                extraSources.put(ref, source);
                            }
                        }
                        return true;
                    });
        }

        /** The file's own name and version must agree with where it lives. */
        private boolean checkIdentity(BlueprintRef ref, YNode tree) {
            if (!(tree instanceof YMap map)) {
                return true; // the schema reports the shape
            }
            boolean ok = agrees(map, "name", ref.name(), "the folder name");
            return agrees(map, "version", ref.version(), "the file name") && ok;
        }

        private boolean agrees(YMap map, String key, String expected, String what) {
            Optional<YNode> value = map.get(key);
            if (value.isPresent() && value.get() instanceof YScalar scalar && !expected.equals(scalar.value())) {
                problems.add(new ConfigProblem(scalar.origin().position(), key,
                        "must equal " + what + " '" + expected + "'"));
                return false;
            }
            return true;
        }

        private static String fileName(Path path) {
            String name = path.getFileName().toString();
            return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        }
    }

    @Override
    public String toString() {
        return "BlueprintCatalog[" + slots.size() + " blueprints]";
    }
}

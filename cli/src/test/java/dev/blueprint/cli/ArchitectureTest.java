package dev.blueprint.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of docs/architecture.md, checked on every module's main classes (this module's tests
 * see them all): {@code internal} stays inside the engine, the engine knows nothing of the modules built on it,
 * {@code model} is plain data, and the engine's packages form no cycle.
 */
class ArchitectureTest {
    /** Modules by the folder their classes are compiled into, or the artifact they are packaged as. */
    private enum Module {
        ENGINE("engine", "blueprint-engine"),
        SANDBOX("sandbox", "blueprint-sandbox"),
        SANDBOX_JUNIT("sandbox-junit", "blueprint-sandbox-junit"),
        POSTGRES("postgres", "blueprint-postgres"),
        MICROMETER("micrometer", "blueprint-micrometer"),
        BENCHMARKS("benchmarks", "blueprint-benchmarks"),
        CLI("cli", "blueprint-cli");

        private final String folder;
        private final String artifact;

        Module(String folder, String artifact) {
            this.folder = folder;
            this.artifact = artifact;
        }

        boolean contains(Location location) {
            String uri = location.asURI().toString();
            return uri.contains("/" + folder + "/target/classes/") || uri.matches(".*/" + artifact + "-[0-9][^/]*(?<!-tests)\\.jar.*");
        }

        /** The module of a class, or null for classes of no module (the JDK's, libraries', or not imported). */
        static Module of(JavaClass type) {
            return type.getBaseComponentType().getSource().map(source -> Location.of(source.getUri()))
                    .flatMap(location -> Arrays.stream(values()).filter(m -> m.contains(location)).findFirst()).orElse(null);
        }
    }

    /** Main classes only: the engine's test fixtures (its test-jar) are tests' business. */
    private static final ImportOption MAIN_CLASSES = location -> !location.contains("/test-classes/")
            && !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*"));

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter().withImportOption(MAIN_CLASSES).importPackages("dev.blueprint");
    }

    private static DescribedPredicate<JavaClass> in(Module module) {
        return DescribedPredicate.describe("in module " + module.folder, type -> Module.of(type) == module);
    }

    private static DescribedPredicate<JavaClass> outside(Module module) {
        return DescribedPredicate.describe("outside module " + module.folder, type -> Module.of(type) != module);
    }

    @Test
    void everyModuleIsImportedSoNoRuleHoldsVacuously() {
        Map<Module, Long> counts = new TreeMap<>(classes.stream().filter(t -> Module.of(t) != null)
                .collect(Collectors.groupingBy(Module::of, Collectors.counting())));
        assertThat(counts).as("classes per module").containsOnlyKeys(Module.values());
        assertThat(classes.stream().filter(t -> Module.of(t) == null).map(JavaClass::getName).toList())
                .as("imported classes of no known module").isEmpty();
    }

    @Test
    void internalIsNotImportedFromAnotherModule() {
        noClasses().that(outside(Module.ENGINE)).should().dependOnClassesThat().resideInAPackage("dev.blueprint.internal..")
                .because("only the engine's public API (dev.blueprint, model, spi, store, yaml) is for other modules")
                .check(classes);
    }

    @Test
    void theEngineKnowsNothingOfTheModulesBuiltOnIt() {
        noClasses().that(in(Module.ENGINE)).should().dependOnClassesThat(outside(Module.ENGINE).and(
                        DescribedPredicate.describe("in package dev.blueprint..", type -> type.getPackageName().startsWith("dev.blueprint"))))
                .because("the CLI, the sandbox and the stores build on the engine, never the other way round")
                .check(classes);
        noClasses().that(in(Module.ENGINE)).should().dependOnClassesThat()
                .resideInAnyPackage("picocli..", "com.github.mustachejava..", "org.junit..")
                .because("a library user gets no CLI, docs generator or test framework on the class path")
                .check(classes);
    }

    @Test
    void theModelIsPlainData() {
        noClasses().that().resideInAPackage("dev.blueprint.model..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.blueprint.internal..", "dev.blueprint.spi..", "dev.blueprint.store..")
                .check(classes);
    }

    @Test
    void spiHoldsOnlyInterfacesAndTheDataTheyExchange() {
        noClasses().that().resideInAPackage("dev.blueprint.spi..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.blueprint.internal..", "dev.blueprint.store..")
                .check(classes);
        assertThat(classes.stream().filter(t -> t.getPackageName().equals("dev.blueprint.spi") && t.isTopLevelClass())
                .filter(t -> !t.isInterface() && !t.isRecord()).map(JavaClass::getSimpleName).toList())
                .as("implementations in spi").isEmpty();
    }

    /**
     * No package cycles in the engine. The root package holds two layers, told apart by what they use: the entry points
     * that assemble internals (BlueprintEngine, Integration, ApiClient...) and the types every layer shares (errors,
     * Credentials, Secret...). Internals may use the shared types, never the entry points; a shared type that started
     * using an internal would become an entry point, and the cycle through it would show.
     */
    @Test
    void theEnginesPackagesFormNoCycle() {
        SliceAssignment packages = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                if (Module.of(type) != Module.ENGINE) {
                    return SliceIdentifier.ignore();
                }
                String name = type.getPackageName();
                if (name.equals("dev.blueprint")) {
                    boolean entryPoint = type.getDirectDependenciesFromSelf().stream()
                            .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("dev.blueprint.internal"));
                    return SliceIdentifier.of(entryPoint ? "dev.blueprint (entry points)" : "dev.blueprint (shared types)");
                }
                return SliceIdentifier.of(name);
            }

            @Override
            public String getDescription() {
                return "the engine's packages, its root split into entry points and shared types";
            }
        };
        slices().assignedFrom(packages).should().beFreeOfCycles().check(classes);
    }
}

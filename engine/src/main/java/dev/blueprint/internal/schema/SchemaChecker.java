package dev.blueprint.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.blueprint.ConfigProblem;
import dev.blueprint.internal.text.Suggestions;
import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.YMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a {@link YNode} tree against one of the bundled JSON Schemas and turns each schema error into a
 * {@link ConfigProblem} at the YAML node that caused it. Messages are written here, from the keyword and
 * the schema, so they say what was expected and never echo a (possibly secret) value.
 */
public final class SchemaChecker {
    public static final String BLUEPRINT_SCHEMA = "schemas/blueprint.schema.json";
    public static final String INTEGRATIONS_SCHEMA = "schemas/integrations.schema.json";

    private final JsonNode schemaDocument;
    private final Schema schema;

    private SchemaChecker(JsonNode schemaDocument) {
        this.schemaDocument = schemaDocument;
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        this.schema = registry.getSchema(SchemaLocation.of(schemaDocument.path("$id").asText()), schemaDocument);
    }

    /** Loads a bundled schema from the classpath, e.g. {@link #BLUEPRINT_SCHEMA}. */
    public static SchemaChecker fromClasspath(String resource) {
        try (InputStream in = SchemaChecker.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled schema " + resource + " is missing from the classpath");
            }
            return new SchemaChecker(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled schema " + resource, e);
        }
    }

    /** The property names a schema object at {@code pointer} declares, for "did you mean" suggestions. */
    Set<String> declaredProperties(NodePath schemaPath) {
        JsonNode node = schemaDocument;
        for (int i = 0; i < schemaPath.getNameCount(); i++) {
            Object element = schemaPath.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        Set<String> names = new LinkedHashSet<>();
        node.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The keys the schema's root object declares. */
    public Set<String> topLevelProperties() {
        return declaredProperties(new NodePath(com.networknt.schema.path.PathType.JSON_POINTER));
    }

    /** Every problem of {@code root}, in file order. */
    public List<ConfigProblem> check(YNode root) {
        List<Error> errors = schema.validate(JsonBridge.toJson(root));
        // A value of the wrong type gets that one problem: its range or pattern would only repeat it, and confuse.
        Set<String> mistyped = new HashSet<>();
        errors.stream().filter(error -> error.getKeyword().equals("type"))
                .forEach(error -> mistyped.add(error.getInstanceLocation().toString()));
        Set<ConfigProblem> problems = new LinkedHashSet<>();
        for (Error error : errors) {
            if (error.getKeyword().equals("type") || !mistyped.contains(error.getInstanceLocation().toString())) {
                problems.add(toProblem(root, error));
            }
        }
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(ConfigProblem.IN_FILE_ORDER);
        return sorted;
    }

    private ConfigProblem toProblem(YNode root, Error error) {
        NodePath instancePath = error.getInstanceLocation();
        YNode node = JsonBridge.find(root, segments(instancePath)).orElse(root);
        String keyword = error.getKeyword();
        return switch (keyword) {
            case "additionalProperties", "unevaluatedProperties" -> unknownKey(node, error);
            case "required" -> missingKey(node, error);
            case "propertyNames" -> badKeyName(node, error);
            default -> new ConfigProblem(node.origin().position(), node.origin().path(), describe(keyword, error));
        };
    }

    private ConfigProblem unknownKey(YNode parent, Error error) {
        String key = error.getProperty();
        Origin at = keyOrigin(parent, key);
        Set<String> known = declaredProperties(error.getSchemaLocation().getFragment().getParent());
        return new ConfigProblem(at.position(), at.path(), "unknown key" + Suggestions.hint(key, known));
    }

    private ConfigProblem missingKey(YNode parent, Error error) {
        String key = error.getProperty();
        return new ConfigProblem(parent.origin().position(), parent.origin().childPath(key), "missing required key");
    }

    private ConfigProblem badKeyName(YNode parent, Error error) {
        String key = error.getProperty();
        Origin at = keyOrigin(parent, key);
        JsonNode rule = schemaNodeAt(error.getSchemaLocation().getFragment());
        String expected = rule.path("description").asText(rule.has("pattern") ? "a name matching " + rule.get("pattern").asText() : "a valid name");
        return new ConfigProblem(at.position(), at.path(), "invalid key; expected " + expected);
    }

    /** Where {@code key} of {@code parent} was written, or the parent's origin extended by the key. */
    private static Origin keyOrigin(YNode parent, String key) {
        if (parent instanceof YMap map && key != null && map.entries().containsKey(key)) {
            return map.entries().get(key).keyOrigin();
        }
        Origin origin = parent.origin();
        return key == null ? origin : origin.withPath(origin.childPath(key));
    }

    private String describe(String keyword, Error error) {
        JsonNode rule = schemaNodeAt(error.getSchemaLocation().getFragment().getParent());
        JsonNode value = error.getInstanceNode();
        return switch (keyword) {
            case "type" -> "expected " + rule.path("description").asText(article(rule.path("type").asText())) + ", got " + typeOf(value);
            case "enum" -> "must be one of " + join(rule.path("enum"));
            case "const" -> "must be " + rule.path("const").asText();
            case "pattern" -> "must be " + rule.path("description").asText("text matching " + rule.path("pattern").asText());
            case "minLength" -> "must not be empty";
            case "minimum" -> "must be at least " + rule.path("minimum").asText();
            case "maximum" -> "must be at most " + rule.path("maximum").asText();
            case "minItems" -> "must have at least " + rule.path("minItems").asText() + " items";
            case "format" -> "must be " + rule.path("description").asText("a valid " + rule.path("format").asText());
            default -> error.getMessage();
        };
    }

    private JsonNode schemaNodeAt(NodePath fragment) {
        JsonNode node = schemaDocument;
        for (int i = 0; fragment != null && i < fragment.getNameCount(); i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        return node;
    }

    private static List<Object> segments(NodePath path) {
        List<Object> segments = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            segments.add(path.getElement(i));
        }
        return segments;
    }

    private static String article(String type) {
        return switch (type) {
            case "object" -> "a map";
            case "array" -> "a list";
            case "integer" -> "an integer";
            default -> "a " + type;
        };
    }

    private static String typeOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return "nothing (null)";
        }
        if (value.isObject()) {
            return "a map";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            return "a number";
        }
        return value.isBoolean() ? "a boolean" : "a string";
    }

    private static String join(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.asText()));
        return texts.stream().collect(Collectors.joining(", "));
    }
}

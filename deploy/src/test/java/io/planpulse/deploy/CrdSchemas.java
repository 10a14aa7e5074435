package io.planpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operators' own CustomResourceDefinitions (kept unchanged in deploy/crds), turned
 * into JSON Schemas that are stricter than the API server: a field the schema does not name fails
 * (the API server would silently prune it), except where the schema preserves unknown fields.
 */
final class CrdSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Schema> byKind = new HashMap<>();

    private CrdSchemas() {
    }

    static Path location() {
        return Rendered.root().resolve("deploy/crds");
    }

    static CrdSchemas load() {
        Path dir = location();
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("the operators' CRDs are expected in " + dir);
        }
        CrdSchemas schemas = new CrdSchemas();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList()) {
                JsonNode crd = Rendered.YAML.readTree(file.toFile());
                if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                    continue;
                }
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    if (version.path("served").asBoolean()) {
                        ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                        ObjectNode top = schema.has("properties") ? (ObjectNode) schema.get("properties")
                                : schema.putObject("properties");
                        for (String field : List.of("apiVersion", "kind")) {
                            top.putIfAbsent(field, JSON.createObjectNode().put("type", "string"));
                        }
                        top.putIfAbsent("metadata", JSON.createObjectNode().put("type", "object"));
                        strict(schema);
                        schemas.byKind.put(group + "/" + version.path("name").asText() + "/" + kind,
                                registry.getSchema(JSON.writeValueAsString(schema)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    boolean knows(String apiVersion, String kind) {
        return byKind.containsKey(apiVersion + "/" + kind);
    }

    /** What is wrong with a custom resource by its CRD's schema; empty when nothing is. */
    List<String> problems(JsonNode object) {
        Schema schema = byKind.get(object.path("apiVersion").asText() + "/" + object.path("kind").asText());
        if (schema == null) {
            return List.of("no served CRD version for " + object.path("apiVersion").asText() + " "
                    + object.path("kind").asText());
        }
        return schema.validate(object).stream().map(Object::toString).toList();
    }

    /** Objects that name their properties accept no others, unless the schema keeps unknown fields. */
    private static JsonNode strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                strict(it.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(CrdSchemas::strict);
        }
        return node;
    }
}

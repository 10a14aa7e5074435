package io.planpulse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The payload schemas of docs/asyncapi.yaml, for checking what the services put on the topics. */
final class EventSchemas {

    private final JsonNode schemas;
    private final ObjectMapper json = new ObjectMapper();

    EventSchemas(Path asyncapi) {
        try {
            schemas = new YAMLMapper().readTree(asyncapi.toFile()).at("/components/schemas");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of a payload against the named schema; none when it meets it. */
    List<String> problems(String schemaName, JsonNode payload) {
        ObjectNode root = json.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$defs", schemas);
        root.put("$ref", "#/$defs/" + schemaName);
        try {
            String text = json.writeValueAsString(root).replace("#/components/schemas/", "#/$defs/");
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
            return schema.validate(payload).stream().map(Object::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

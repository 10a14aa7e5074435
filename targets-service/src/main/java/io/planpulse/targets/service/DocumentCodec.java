package io.planpulse.targets.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns plan documents from JSON or YAML into plain trees (maps, lists, exact numbers) and back.
 * Duplicate keys are refused; numbers keep every digit.
 */
@ApplicationScoped
public class DocumentCodec {

    private final ObjectMapper json;
    private final ObjectMapper yaml;

    public DocumentCodec(ObjectMapper json) {
        this.json = json.copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.yaml = YAMLMapper.builder(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
    }

    /** True when the media type names YAML (application/yaml, application/x-yaml, text/yaml). */
    public static boolean isYaml(String mediaType) {
        return mediaType != null && mediaType.toLowerCase(Locale.ROOT).contains("yaml");
    }

    /** Parses a document body; a body that does not parse is a {@link MalformedDocumentException}. */
    public Object parse(byte[] body, String mediaType) {
        if (body == null || body.length == 0) {
            throw new MalformedDocumentException("the request has no body");
        }
        ObjectMapper mapper = isYaml(mediaType) ? yaml : json;
        try {
            return mapper.readerFor(Object.class)
                    .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readValue(body);
        } catch (IOException e) {
            throw new MalformedDocumentException((isYaml(mediaType) ? "YAML" : "JSON") + " does not parse: "
                    + firstLine(e));
        }
    }

    /** The canonical JSON of a document or event (fields in the order given, nulls left out, numbers written plainly). */
    public String toJson(Object document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document tree always serialises", e);
        }
    }

    public String toYaml(Object document) {
        try {
            return yaml.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document tree always serialises", e);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> readStored(String canonicalJson) {
        try {
            return json.readerFor(Map.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readValue(canonicalJson);
        } catch (IOException e) {
            throw new IllegalStateException("a stored document no longer parses", e);
        }
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

package io.planpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What {@code kubectl kustomize} renders for an overlay, as one JSON tree per object (also read by the
 * end-to-end tests, which run the services with what the overlays give them).
 */
public record Rendered(String overlay, List<ObjectNode> objects) {

    public static final ObjectMapper YAML = new YAMLMapper();

    public static Path root() {
        return Path.of(System.getProperty("planpulse.root", "..")).toAbsolutePath().normalize();
    }

    public static Rendered of(String overlay) {
        Path dir = root().resolve("deploy/overlays").resolve(overlay);
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
            String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + out);
            }
            List<ObjectNode> objects = new ArrayList<>();
            try (var parser = new YAMLFactory().createParser(out)) {
                for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
                    if (node != null && node.isObject()) {
                        objects.add((ObjectNode) node);
                    }
                }
            }
            return new Rendered(overlay, objects);
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl (with kustomize) is needed to render " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    public Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    public ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
    }

    public static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    public static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }
}

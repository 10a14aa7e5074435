package io.planpulse.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What a service reads and uses, from its own application.properties and README. */
record ServiceFacts(String name, Properties properties, Set<String> documentedKeys) {

    static ServiceFacts of(String service) {
        Path dir = Rendered.root().resolve(service);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            properties.load(in);
            Set<String> documented = new LinkedHashSet<>();
            for (Path readme : new Path[] {dir.resolve("README.md"), Rendered.root().resolve("targets-service/README.md")}) {
                Matcher m = Pattern.compile("`((?:planpulse|quarkus|mp|kafka|smallrye)\\.[a-z0-9.-]+)`")
                        .matcher(Files.readString(readme));
                while (m.find()) {
                    documented.add(m.group(1));
                }
            }
            return new ServiceFacts(service, properties, documented);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a key in the prod profile (no profile prefix). */
    String get(String key) {
        return properties.getProperty(key);
    }

    int httpPort() {
        return Integer.parseInt(get("quarkus.http.port"));
    }

    /**
     * Whether the service reads the setting an environment variable names: the variable is the
     * environment form (upper case, every other character an underscore) of a key the service
     * sets in its application.properties or documents in its README.
     */
    boolean reads(String variable) {
        return Stream.concat(properties.stringPropertyNames().stream().filter(k -> !k.startsWith("%")),
                        documentedKeys.stream())
                .anyMatch(key -> environmentForm(key).equals(variable));
    }

    static String environmentForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The topics a service's channels read, by channel. */
    Set<String> incomingTopics() {
        Set<String> topics = new LinkedHashSet<>();
        properties.stringPropertyNames().stream().filter(k -> k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic"))
                .forEach(k -> topics.add(get(k)));
        return topics;
    }

    /** The consumer groups of a service's channels; a group made unique per instance is its fixed prefix. */
    Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        properties.stringPropertyNames().stream().filter(k -> k.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id"))
                .forEach(k -> groups.add(get(k)));
        return groups;
    }

    /** The topics its outgoing channels write (the dead-letter channel). */
    Set<String> outgoingTopics() {
        Set<String> topics = new LinkedHashSet<>();
        properties.stringPropertyNames().stream().filter(k -> k.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic"))
                .forEach(k -> topics.add(get(k)));
        return topics;
    }
}

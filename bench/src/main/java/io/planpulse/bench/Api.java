package io.planpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** The services' public REST APIs, as a department system or the plan office calls them. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4, task -> {
                Thread thread = new Thread(task, "bench-http");
                thread.setDaemon(true); // the harness ends when its main thread does
                return thread;
            })).build();

    Api(Settings settings) {
        this.settings = settings;
    }

    JsonNode get(String base, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(base + path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    int status(String base, String path) throws IOException, InterruptedException {
        return http.send(request(base + path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    void put(String base, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(base + path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("PUT " + path + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** GETs into a file, however long the answer takes to write (up to 20 minutes). */
    void download(String base, String path, java.nio.file.Path file) throws IOException, InterruptedException {
        HttpResponse<java.nio.file.Path> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(20)).header("Authorization", "Bearer " + settings.token()).GET().build(),
                HttpResponse.BodyHandlers.ofFile(file));
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + r.statusCode() + " " + java.nio.file.Files.readString(file));
        }
    }

    /** POSTs JSON and completes with the response (status and body). */
    CompletableFuture<HttpResponse<String>> post(String base, String path, byte[] body) {
        return http.sendAsync(request(base + path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + settings.token());
    }
}

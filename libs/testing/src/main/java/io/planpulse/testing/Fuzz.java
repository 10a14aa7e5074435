package io.planpulse.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Seeded random inputs for fuzzing: each case derives from a valid example by the mutations that
 * parsers and validators get wrong — values of the wrong type, fields missing or unknown, text over
 * its limit, odd Unicode and control characters, numbers beyond any range, deep nesting, truncation,
 * broken quoting, bytes that are not UTF-8. The same seed gives the same cases, so a failing case
 * repeats: {@code -Dplanpulse.fuzz.seed=N} picks another run, {@code -Dplanpulse.fuzz.cases=N}
 * its length.
 */
public final class Fuzz {

    /** What a response may not show: a Java stack trace or exception class. */
    public static final Pattern STACK_TRACE = Pattern.compile(
            "\\tat |\\bat [a-z]+(\\.[\\w$]+)+\\(|[a-z]\\.[\\w.]*(Exception|Error)\\b");

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> ODD_TEXT = List.of("", " ", "\t\n", "null", "undefined", "NaN", "Infinity",
            "-0", "1e309", "0x1F", "１２３", "二〇二三", "2023-13", "2021-Q5", "2021-H0", "9999-12", "0000", "-2021",
            "2021-02-30", "' or 1=1 --", "\"; drop table report_revision; --", "../../etc/passwd", "<script>x()</script>",
            "%s%n%x", "${jndi:ldap://x}", "{{7*7}}", "\u0000", "\u202e反向", "e\u0301", "😀🇨🇳", "\ufeff", "\ud800",
            "统计局", "GDP-TOTAL", "a".repeat(501), "长".repeat(2001), "x".repeat(70_000),
            "12", " 12 ", "+5", ".5", "5.", "1,000", "1 000", "1E+15", "-1e15", "1e-7", "1e-400", "1e99999", "0e0",
            "-0.0", "4.9e-324", "2.2250738585072014E-308", "9007199254740993", "999999999999999.9", "0.0000001");
    /** Numbers at and beyond every edge: overflow, subnormals, negative zero, huge exponents, more digits than a double holds. */
    private static final List<Object> ODD_NUMBERS = List.of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE,
            new BigDecimal("1e400"), new BigDecimal("-1e-400"), new BigDecimal("123456789012345678901234567890.123456789"),
            1.7976931348623157e308, 4.9e-324, 2.2250738585072014e-308, 0.1, -0.0, new BigDecimal("1E+15"),
            new BigDecimal("-999999999999999"), new BigDecimal("9007199254740993"), new BigDecimal("0.0000001"),
            new BigDecimal("1e9999"), new BigDecimal("12345678.12345678"));

    private final Random random;

    public Fuzz(long seed) {
        this.random = new Random(seed);
    }

    /**
     * What is wrong with an answer to a fuzzed request, or null when nothing is: a 5xx, a stack
     * trace, or a refusal that is not a problem with a {@code code} (a board page may refuse with
     * an HTML page instead, when {@code page}).
     */
    public static String misbehaviour(int status, String contentType, String body, boolean page) {
        if (status >= 500) {
            return "answered " + status;
        }
        if (STACK_TRACE.matcher(body).find()) {
            return "shows a stack trace";
        }
        String type = contentType == null ? "" : contentType;
        if (status >= 400 && !(page && type.startsWith("text/html"))
                && !(type.startsWith(PROBLEM) && problemCode(body) != null)) {
            return "refused without a problem and its code" + (page ? " (or a page)" : "");
        }
        return null;
    }

    private static String problemCode(String body) {
        try {
            JsonNode code = JSON.readTree(body).path("code");
            return code.isTextual() ? code.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A path segment or query value, percent-encoded, for a client told not to encode. */
    public static String encoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Text short enough to show in a failure message. */
    public static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "… (" + s.length() + " characters)";
    }

    /** The seed of this run: {@code planpulse.fuzz.seed}, else a fixed one. */
    public static long seed() {
        return Long.getLong("planpulse.fuzz.seed", 20_261_128L);
    }

    /** How many cases a fuzzing test runs per input: {@code planpulse.fuzz.cases}, else {@code standard}. */
    public static int cases(int standard) {
        return Integer.getInteger("planpulse.fuzz.cases", standard);
    }

    /** A document derived from the valid JSON text by one to three mutations; it may no longer parse. */
    public String json(String valid) {
        JsonNode tree;
        try {
            tree = JSON.readTree(valid);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + valid, e);
        }
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            tree = mutate(tree);
        }
        String text = tree.toString();
        return switch (random.nextInt(12)) {
            case 0 -> text.substring(0, random.nextInt(text.length() + 1));
            case 1 -> insert(text, pick(List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\u0000", "'")));
            case 2 -> "[".repeat(2_000 + random.nextInt(10_000)) + text;
            case 3 -> "\ufeff" + text;
            case 4 -> text + pick(List.of(" ", "x", "{}", "\n\n", "null"));
            default -> text;
        };
    }

    /** A file derived from the valid CSV text by one or two mutations, as bytes (not always UTF-8). */
    public byte[] csv(String valid) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : valid.split("\r?\n")) {
            rows.add(new ArrayList<>(List.of(line.split(",", -1))));
        }
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            List<String> row = rows.get(random.nextInt(rows.size()));
            switch (random.nextInt(9)) {
                case 0 -> row.remove(random.nextInt(row.size()));
                case 1 -> row.add(text());
                case 2 -> row.set(random.nextInt(row.size()), text());
                case 3 -> row.set(random.nextInt(row.size()), "\"" + text());
                case 4 -> row.set(random.nextInt(row.size()), "\"" + text() + "\"x\"");
                case 5 -> rows.add(new ArrayList<>(List.of(text())));
                case 6 -> rows.remove(rows.size() - 1);
                case 7 -> rows.add(0, new ArrayList<>(rows.get(0)));
                default -> row.set(random.nextInt(row.size()), Integer.toString(random.nextInt()));
            }
            if (rows.isEmpty()) {
                rows.add(new ArrayList<>(List.of("")));
            }
        }
        StringBuilder text = new StringBuilder();
        String newline = pick(List.of("\n", "\r\n", "\r"));
        for (List<String> row : rows) {
            text.append(String.join(pick(List.of(",", ",", ",", ";", "\t")), row)).append(newline);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] encoded = text.toString().getBytes(random.nextInt(4) == 0 ? java.nio.charset.Charset.forName("GB18030")
                : StandardCharsets.UTF_8);
        bytes.writeBytes(encoded);
        if (random.nextInt(6) == 0) {
            bytes.reset();
            bytes.write(encoded, 0, random.nextInt(encoded.length + 1));
            bytes.write(0xFF);
            bytes.write(0xFE);
            bytes.write(0xC3);
        }
        return bytes.toByteArray();
    }

    /**
     * A value for a query or path parameter or a header: odd text, at most 900 characters once
     * URL-encoded, so that a few fit in a request line (the HTTP layer refuses longer lines before
     * any service code runs).
     */
    public String parameter() {
        if (random.nextInt(3) == 0) {
            return Integer.toString(random.nextInt());
        }
        String text = text();
        while (encoded(text).length() > 900) {
            text = text.substring(0, text.length() / 2);
        }
        return text;
    }

    /** Odd text: from a list of known troublemakers, or random characters of every plane. */
    public String text() {
        if (random.nextBoolean()) {
            return pick(ODD_TEXT);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = random.nextInt(40); i < n; i++) {
            int kind = random.nextInt(5);
            s.appendCodePoint(switch (kind) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> 0x4e00 + random.nextInt(0x5000);
                case 3 -> 0x1f300 + random.nextInt(0x300);
                default -> 0x80 + random.nextInt(0x780);
            });
        }
        return s.toString();
    }

    /** A JSON value of any type, often not the one a field wants. */
    private JsonNode value() {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> number(pick(ODD_NUMBERS));
            case 3 -> NODES.arrayNode().add(NODES.textNode(text())).add(number(pick(ODD_NUMBERS)));
            case 4 -> NODES.objectNode().put(text(), text());
            case 5 -> NODES.textNode(pick(ODD_NUMBERS).toString()); // a number spelled as a string
            default -> NODES.textNode(text());
        };
    }

    private static JsonNode number(Object n) {
        return n instanceof BigDecimal d ? NODES.numberNode(d) : n instanceof Double d ? NODES.numberNode(d)
                : n instanceof Long l ? NODES.numberNode(l) : NODES.numberNode((Integer) n);
    }

    private JsonNode mutate(JsonNode node) {
        if (node instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = pick(names);
            switch (random.nextInt(6)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(text(), value());
                case 2 -> object.set(name, value());
                case 3 -> object.set(name, mutate(object.get(name)));
                case 4 -> object.set(name, NODES.arrayNode().add(object.get(name)));
                default -> object.set(name, mutate(object.get(name)));
            }
            return object;
        }
        if (node instanceof ArrayNode array && array.size() > 0) {
            int i = random.nextInt(array.size());
            switch (random.nextInt(5)) {
                case 0 -> array.remove(i);
                case 1 -> array.add(value());
                case 2 -> array.add(array.get(i).deepCopy());
                default -> array.set(i, mutate(array.get(i)));
            }
            return array;
        }
        return random.nextInt(4) == 0 ? node : value();
    }

    private String insert(String text, String what) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + what + text.substring(at);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}

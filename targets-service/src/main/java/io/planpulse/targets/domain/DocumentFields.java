package io.planpulse.targets.domain;

import io.planpulse.model.plan.Period;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the fields of one object of a parsed document (maps, lists, strings, numbers, booleans)
 * and records every problem it meets instead of stopping at the first.
 */
final class DocumentFields {

    private final Map<?, ?> map;
    private final String path;
    private final List<Violation> violations;

    private DocumentFields(Map<?, ?> map, String path, List<Violation> violations) {
        this.map = map;
        this.path = path;
        this.violations = violations;
    }

    /** The fields of {@code node}, or empty (with a problem recorded) when it is not an object. */
    static Optional<DocumentFields> of(Object node, String path, List<Violation> violations) {
        if (node instanceof Map<?, ?> m) {
            return Optional.of(new DocumentFields(m, path, violations));
        }
        violations.add(new Violation(path, ViolationCode.INVALID_VALUE, "must be an object"));
        return Optional.empty();
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    String path() {
        return path;
    }

    String path(String key) {
        return child(path, key);
    }

    boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    Object raw(String key) {
        return map.get(key);
    }

    void report(String key, ViolationCode code, String message) {
        violations.add(new Violation(key == null ? path : path(key), code, message));
    }

    /** Records every field that is not in {@code allowed}. */
    void allowOnly(Set<String> allowed, String what) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                violations.add(new Violation(child(path, String.valueOf(key)), ViolationCode.UNKNOWN_FIELD,
                        "not a field of " + what));
            }
        }
    }

    void forbid(String key, String why) {
        if (map.containsKey(key)) {
            report(key, ViolationCode.UNKNOWN_FIELD, why);
        }
    }

    boolean require(String key) {
        if (!has(key)) {
            report(key, ViolationCode.MISSING_FIELD, "is required");
            return false;
        }
        return true;
    }

    /** A non-blank text of at most {@code maxLength} characters. */
    Optional<String> text(String key, boolean required, int maxLength) {
        if (required ? !require(key) : !has(key)) {
            return Optional.empty();
        }
        Object value = map.get(key);
        if (!(value instanceof String s)) {
            report(key, ViolationCode.INVALID_VALUE, "must be text");
            return Optional.empty();
        }
        if (s.isBlank()) {
            report(key, ViolationCode.INVALID_VALUE, "must not be blank");
            return Optional.empty();
        }
        if (s.length() > maxLength) {
            report(key, ViolationCode.INVALID_VALUE, "must be at most " + maxLength + " characters");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** A text that matches {@code pattern} (an identifier). */
    Optional<String> id(String key, boolean required, String pattern, String shape) {
        Optional<String> s = text(key, required, 64);
        if (s.isPresent() && !s.get().matches(pattern)) {
            report(key, ViolationCode.INVALID_VALUE, "must be " + shape + ", got '" + s.get() + "'");
            return Optional.empty();
        }
        return s;
    }

    /** A finite number, exactly as written (trailing zeros dropped so that 1.50 equals 1.5). */
    Optional<BigDecimal> number(String key, boolean required) {
        if (required ? !require(key) : !has(key)) {
            return Optional.empty();
        }
        Optional<BigDecimal> n = asNumber(map.get(key));
        if (n.isEmpty()) {
            report(key, ViolationCode.INVALID_VALUE, "must be a finite number");
        }
        return n;
    }

    Optional<Integer> integer(String key, int min, int max) {
        if (!has(key)) {
            return Optional.empty();
        }
        Optional<BigDecimal> n = asNumber(map.get(key));
        if (n.isEmpty() || n.get().scale() > 0 || n.get().compareTo(BigDecimal.valueOf(min)) < 0
                || n.get().compareTo(BigDecimal.valueOf(max)) > 0) {
            report(key, ViolationCode.INVALID_VALUE, "must be a whole number from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(n.get().intValueExact());
    }

    Optional<Boolean> bool(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        if (map.get(key) instanceof Boolean b) {
            return Optional.of(b);
        }
        report(key, ViolationCode.INVALID_VALUE, "must be true or false");
        return Optional.empty();
    }

    <E extends Enum<E>> Optional<E> choice(String key, boolean required, Class<E> type) {
        if (required ? !require(key) : !has(key)) {
            return Optional.empty();
        }
        Object value = map.get(key);
        E[] constants = type.getEnumConstants();
        if (value instanceof String s) {
            for (E constant : constants) {
                if (constant.name().equals(s)) {
                    return Optional.of(constant);
                }
            }
        }
        String allowed = Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "));
        report(key, ViolationCode.INVALID_VALUE, "must be one of " + allowed + ", got '" + value + "'");
        return Optional.empty();
    }

    /** A period in any grain; the grain is checked by the caller, who knows what it may be. */
    Optional<Period> period(String key, boolean required) {
        if (required ? !require(key) : !has(key)) {
            return Optional.empty();
        }
        Object value = map.get(key);
        String text = value instanceof Number || value instanceof String ? String.valueOf(value) : null;
        Optional<Period> p = Period.parse(text);
        if (p.isEmpty()) {
            report(key, ViolationCode.PERIOD_INVALID,
                    "'" + value + "' is not a period such as 2025, 2025-H1, 2025-Q3 or 2025-07");
        }
        return p;
    }

    Optional<List<?>> list(String key, boolean required) {
        if (required ? !require(key) : !has(key)) {
            return Optional.empty();
        }
        if (map.get(key) instanceof List<?> l) {
            return Optional.of(l);
        }
        report(key, ViolationCode.INVALID_VALUE, "must be a list");
        return Optional.empty();
    }

    /** A list of texts; elements that are not text are reported and left out. */
    Optional<List<String>> texts(String key, boolean required) {
        return list(key, required).map(items -> {
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof String s && !s.isBlank()) {
                    out.add(s);
                } else {
                    violations.add(new Violation(element(path(key), i), ViolationCode.INVALID_VALUE,
                            "must be non-blank text"));
                }
            }
            return out;
        });
    }

    Optional<DocumentFields> object(String key, boolean required) {
        if (required ? !require(key) : !has(key)) {
            return Optional.empty();
        }
        return of(map.get(key), path(key), violations);
    }

    static Optional<BigDecimal> asNumber(Object value) {
        BigDecimal n;
        if (value instanceof BigDecimal d) {
            n = d;
        } else if (value instanceof BigInteger i) {
            n = new BigDecimal(i);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            n = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return Optional.empty();
            }
            n = new BigDecimal(Double.toString(d));
        } else {
            return Optional.empty();
        }
        return Optional.of(normalize(n));
    }

    static BigDecimal normalize(BigDecimal n) {
        BigDecimal stripped = n.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}

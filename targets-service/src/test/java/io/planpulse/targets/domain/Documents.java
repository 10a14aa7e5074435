package io.planpulse.targets.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers: parse a YAML document into a mutable tree and change it at a path such as {@code indicators[0].target.value}. */
final class Documents {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private Documents() {
    }

    static Object yaml(String text) {
        try {
            return YAML.readValue(text, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void set(Object root, String path, Object value) {
        edit(root, path, value, false);
    }

    static void remove(Object root, String path) {
        edit(root, path, null, true);
    }

    @SuppressWarnings("unchecked")
    private static void edit(Object root, String path, Object value, boolean remove) {
        Matcher m = SEGMENT.matcher(path);
        List<Object> keys = new java.util.ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
        }
        Object node = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            Object key = keys.get(i);
            node = key instanceof Integer index ? ((List<Object>) node).get(index) : ((Map<String, Object>) node).get(key);
        }
        Object last = keys.get(keys.size() - 1);
        if (last instanceof Integer index) {
            List<Object> list = (List<Object>) node;
            if (remove) {
                list.remove((int) index);
            } else {
                list.set(index, value);
            }
        } else if (remove) {
            ((Map<String, Object>) node).remove(last);
        } else {
            ((Map<String, Object>) node).put((String) last, value);
        }
    }
}

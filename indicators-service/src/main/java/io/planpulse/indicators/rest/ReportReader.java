package io.planpulse.indicators.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.planpulse.indicators.domain.ReplaceScope;
import io.planpulse.indicators.domain.ReportEvaluator;
import io.planpulse.indicators.domain.ReportRow;
import io.planpulse.indicators.domain.RowCode;
import io.planpulse.indicators.domain.RowIssue;
import io.planpulse.indicators.service.BatchRequest;
import io.planpulse.indicators.service.IngestionConfig;
import io.planpulse.model.Texts;
import io.planpulse.model.plan.Period;
import io.planpulse.platform.error.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads reports from the bodies of DESIGN §5: one JSON report, a JSON batch, CSV as Excel saves
 * it (UTF-8 with or without a byte order mark, or GB18030), or an Excel workbook (.xlsx). Problems
 * of a row become its read issues; a body that does not parse, or is not shaped as a batch, is a
 * {@link MalformedRequestException}.
 */
@ApplicationScoped
public class ReportReader {

    static final Set<String> FIELDS = Set.of("indicatorId", "period", "value", "provisional", "note", "reason",
            "source", "withdrawn");
    private static final Set<String> BATCH_FIELDS = Set.of("reports", "atomic", "dryRun", "replace");
    private static final Set<String> REPLACE_FIELDS = Set.of("from", "to", "reason");
    /** The problem code of a replace scope that cannot be read (400). */
    static final String REPLACE_INVALID = "REPLACE_INVALID";
    private static final Charset GB18030 = Charset.forName("GB18030");

    private final ObjectMapper json;
    private final CsvMapper csv = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    private final IngestionConfig config;

    public ReportReader(ObjectMapper json, IngestionConfig config) {
        this.json = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.config = config;
    }

    /** The JSON tree of a body, for reading and for comparing retries. */
    public JsonNode parseJson(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedRequestException("the request has no body");
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new MalformedRequestException("JSON does not parse: " + firstLine(e.getMessage()));
        }
    }

    public ReportRow single(JsonNode body) {
        if (!body.isObject()) {
            throw new MalformedRequestException("a report is a JSON object");
        }
        return row(0, body);
    }

    public BatchRequest batch(JsonNode body) {
        if (!body.isObject()) {
            throw new MalformedRequestException("a batch is a JSON object {reports: [...], atomic?, dryRun?, replace?}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BATCH_FIELDS.contains(name)) {
                throw new MalformedRequestException("a batch has no field '" + name
                        + "' (reports, atomic, dryRun, replace)");
            }
        }
        JsonNode reports = body.get("reports");
        if (reports == null || !reports.isArray()) {
            throw new MalformedRequestException("reports must be a list of reports");
        }
        checkRowCount(reports.size());
        List<ReportRow> rows = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            JsonNode item = reports.get(i);
            rows.add(item.isObject() ? row(i, item) : new ReportRow(i, null, null, null, null, false, false, null, null,
                    null, List.of(new RowIssue(RowCode.VALUE_INVALID, "a report is a JSON object"))));
        }
        JsonNode atomic = body.get("atomic");
        return request(rows, atomic == null || atomic.isNull() ? null : flag(body, "atomic"), flag(body, "dryRun"),
                replace(body.get("replace")));
    }

    /**
     * The scope a batch replaces (DESIGN §5, "Scoped replace"), from its range and reason, or null
     * when none is named. Refused with {@link #REPLACE_INVALID} unless it names two periods, the
     * first not after the second, and a reason that could be a withdrawal's.
     */
    public static ReplaceScope replace(String from, String to, String reason) {
        if (from == null && to == null && reason == null) {
            return null;
        }
        Period first = period("from", from);
        Period last = period("to", to);
        if (first.start().isAfter(last.start()) || first.end().isAfter(last.end())) {
            throw new InvalidRequestException(REPLACE_INVALID, "the replace range " + first + " … " + last
                    + " runs backwards");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException(REPLACE_INVALID, "a replace needs a reason: every value it withdraws "
                    + "carries it");
        }
        if (reason.length() > ReportEvaluator.MAX_REASON || Texts.hasControlCharacters(reason)) {
            throw new InvalidRequestException(REPLACE_INVALID, "the replace's reason must be at most "
                    + ReportEvaluator.MAX_REASON + " characters, without control characters");
        }
        return new ReplaceScope(first, last, reason.strip());
    }

    private static Period period(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(REPLACE_INVALID, "a replace names its range with from and to, "
                    + "and a reason; " + field + " is missing");
        }
        return Period.parse(text.trim()).orElseThrow(() -> new InvalidRequestException(REPLACE_INVALID, "replace "
                + field + " '" + text + "' is not a period such as 2025, 2025-H1, 2025-Q3 or 2025-07"));
    }

    private static ReplaceScope replace(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidRequestException(REPLACE_INVALID, "replace is an object {from, to, reason}");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = node.get(name);
            if (!REPLACE_FIELDS.contains(name)) {
                throw new InvalidRequestException(REPLACE_INVALID, "replace has no field '" + name
                        + "' (from, to, reason)");
            }
            if (!value.isNull() && !value.isTextual() && !value.isIntegralNumber()) {
                throw new InvalidRequestException(REPLACE_INVALID, "replace's " + name + " must be text");
            }
        }
        ReplaceScope scope = replace(textOf(node, "from"), textOf(node, "to"), textOf(node, "reason"));
        if (scope == null) {
            throw new InvalidRequestException(REPLACE_INVALID, "a replace names its range with from and to, and a reason");
        }
        return scope;
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A batch of these rows; a replace is atomic, and refused when the request says otherwise. */
    public static BatchRequest request(List<ReportRow> rows, Boolean atomic, boolean dryRun, ReplaceScope replace) {
        if (replace != null && Boolean.FALSE.equals(atomic)) {
            throw new InvalidRequestException(REPLACE_INVALID, "a replace is stored whole or not at all: leave atomic "
                    + "out or make it true");
        }
        return new BatchRequest(rows, replace != null || Boolean.TRUE.equals(atomic), dryRun, replace);
    }

    public List<ReportRow> csv(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            throw new MalformedRequestException("the request has no body");
        }
        String text = decode(body, contentType);
        List<ReportRow> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            CsvSchema schema = (CsvSchema) it.getParserSchema();
            List<String> header = new ArrayList<>();
            schema.forEach(column -> header.add(column.getName()));
            Map<String, String> columns = columns(header);
            int index = 0;
            while (it.hasNextValue()) {
                Map<String, String> record = it.nextValue();
                checkRowCount(index + 1);
                rows.add(csvRow(index++, record, columns));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedRequestException || e instanceof PayloadTooLargeException) {
                throw (RuntimeException) e;
            }
            throw new MalformedRequestException("CSV does not parse: " + firstLine(e.getMessage()));
        }
        return rows;
    }

    private void checkRowCount(int rows) {
        if (rows > config.maxRows()) {
            throw new PayloadTooLargeException("a batch has at most " + config.maxRows() + " rows");
        }
    }

    /**
     * A workbook's first sheet (.xlsx), read as CSV is: its first row that holds anything is the
     * header, the rows below it are reports. A row's index is its distance below the header (the
     * sheet's row 2 is index 0 under a header in row 1), empty rows included, so that an index names
     * a row of the sheet. A date in the period column is its month, as a spreadsheet turns what was
     * typed as {@code 2025-07} into the first of July.
     */
    public List<ReportRow> xlsx(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedRequestException("the request has no body");
        }
        List<SheetReader.Row> sheet = SheetReader.firstSheet(body, config.maxRows());
        if (sheet.isEmpty()) {
            throw new MalformedRequestException("the first sheet is empty; its first row is the header "
                    + "indicatorId,period,value,provisional,note,reason");
        }
        SheetReader.Row headerRow = sheet.get(0);
        Map<Integer, String> names = new TreeMap<>();
        headerRow.cells().forEach((column, cell) -> names.put(column, cell.text()));
        Map<String, String> columns = columns(names.values());
        List<ReportRow> rows = new ArrayList<>(sheet.size() - 1);
        for (SheetReader.Row row : sheet.subList(1, sheet.size())) {
            Map<String, String> record = new TreeMap<>();
            row.cells().forEach((column, cell) -> {
                String name = names.get(column);
                if (name == null) {
                    throw new MalformedRequestException("row " + row.number() + " holds '" + cell.text()
                            + "' in column " + SheetReader.columnName(column) + ", which the header does not name");
                }
                boolean period = name.equals(columns.get("period"));
                record.put(name, period && cell.date() != null ? YearMonth.from(cell.date()).toString() : cell.text());
            });
            rows.add(csvRow(row.number() - headerRow.number() - 1, record, columns));
        }
        return rows;
    }

    /** The header's columns by their lower-case names; unknown ones and missing required ones are refused. */
    private static Map<String, String> columns(Iterable<String> header) {
        Map<String, String> byLower = new TreeMap<>();
        FIELDS.forEach(f -> byLower.put(f.toLowerCase(Locale.ROOT), f));
        Map<String, String> columns = new TreeMap<>();
        for (String name : header) {
            String field = byLower.get(name.trim().toLowerCase(Locale.ROOT));
            if (field == null) {
                throw new MalformedRequestException("unknown column '" + name
                        + "'; the header is indicatorId,period,value,provisional,note,reason (source and withdrawn optional)");
            }
            if (columns.put(field, name) != null) {
                throw new MalformedRequestException("the header names the column " + field + " twice");
            }
        }
        for (String required : List.of("indicatorId", "period", "value")) {
            if (!columns.containsKey(required)) {
                throw new MalformedRequestException("the header has no column " + required);
            }
        }
        return columns;
    }

    private static ReportRow csvRow(int index, Map<String, String> record, Map<String, String> columns) {
        List<RowIssue> issues = new ArrayList<>();
        String valueText = blankToNull(get(record, columns, "value"));
        BigDecimal value = valueText == null ? null : number(valueText);
        if (valueText != null && value == null) {
            issues.add(new RowIssue(RowCode.VALUE_INVALID, "'" + valueText + "' is not a finite number"));
        }
        return new ReportRow(index, blankToNull(get(record, columns, "indicatorId")),
                blankToNull(get(record, columns, "period")), value, valueText,
                csvFlag(get(record, columns, "provisional"), "provisional", issues),
                csvFlag(get(record, columns, "withdrawn"), "withdrawn", issues),
                blankToNull(get(record, columns, "note")), blankToNull(get(record, columns, "reason")),
                blankToNull(get(record, columns, "source")), issues);
    }

    private static String get(Map<String, String> record, Map<String, String> columns, String field) {
        String column = columns.get(field);
        return column == null ? null : record.get(column);
    }

    private static boolean csvFlag(String text, String field, List<RowIssue> issues) {
        if (text == null || text.isBlank()) {
            return false;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "是":
                return true;
            case "false", "0", "no", "n", "否":
                return false;
            default:
                issues.add(new RowIssue(RowCode.VALUE_INVALID, field + " must be true or false (是/否), not '" + text + "'"));
                return false;
        }
    }

    private static ReportRow row(int index, JsonNode node) {
        List<RowIssue> issues = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                issues.add(new RowIssue(RowCode.UNKNOWN_FIELD, "a report has no field '" + name + "'"));
            }
        }
        JsonNode id = node.get("indicatorId");
        String indicatorId = id == null || id.isNull() ? null : id.isTextual() ? id.asText() : null;
        if (id != null && !id.isNull() && !id.isTextual()) {
            issues.add(new RowIssue(RowCode.UNKNOWN_INDICATOR, "indicatorId must be text"));
        }
        JsonNode p = node.get("period");
        String period = p == null || p.isNull() ? null : p.isTextual() || p.isIntegralNumber() ? p.asText() : null;
        if (p != null && !p.isNull() && period == null) {
            issues.add(new RowIssue(RowCode.PERIOD_INVALID, "period must be text such as 2025 or 2025-07"));
        }
        JsonNode v = node.get("value");
        String valueText = v == null || v.isNull() ? null : v.isNumber() ? v.decimalValue().toPlainString() : v.asText();
        BigDecimal value = null;
        if (v != null && !v.isNull()) {
            value = v.isNumber() ? v.decimalValue() : v.isTextual() ? number(v.asText()) : null;
            if (value == null) {
                issues.add(new RowIssue(RowCode.VALUE_INVALID, "value must be a finite number, not " + v));
            }
        }
        return new ReportRow(index, indicatorId, period, value, valueText,
                bool(node, "provisional", issues), bool(node, "withdrawn", issues),
                text(node, "note", issues), text(node, "reason", issues), text(node, "source", issues), issues);
    }

    private static boolean bool(JsonNode node, String field, List<RowIssue> issues) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            issues.add(new RowIssue(RowCode.VALUE_INVALID, field + " must be true or false"));
            return false;
        }
        return value.asBoolean();
    }

    private static String text(JsonNode node, String field, List<RowIssue> issues) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            issues.add(new RowIssue(RowCode.VALUE_INVALID, field + " must be text"));
            return null;
        }
        return blankToNull(value.asText());
    }

    private static boolean flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new MalformedRequestException(field + " must be true or false");
        }
        return value.asBoolean();
    }

    /** A plain decimal number (1234.5, -3, 1e3), or null: not NaN, not infinite, no thousands separators. */
    static BigDecimal number(String text) {
        String t = text.trim();
        if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,4})?")) {
            return null;
        }
        return new BigDecimal(t);
    }

    /** The charset of the Content-Type, else UTF-8 (with or without a byte order mark), else GB18030. */
    static String decode(byte[] body, String contentType) {
        Charset declared = declaredCharset(contentType);
        int bom = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF ? 3 : 0;
        if (declared != null) {
            String text = new String(body, declared);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
        if (bom > 0) {
            return new String(body, bom, body.length - bom, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new String(body, GB18030);
        }
    }

    private static Charset declaredCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).replace("\"", "").trim();
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new MalformedRequestException("unknown charset '" + name + "'");
                }
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

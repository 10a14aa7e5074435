package io.planpulse.reporting.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.planpulse.model.event.ProgressUpdated;
import io.planpulse.reporting.domain.Figures;
import io.planpulse.reporting.domain.Status;
import io.planpulse.reporting.progress.PlanView;
import io.planpulse.reporting.progress.ProgressQueries;
import io.planpulse.reporting.repository.ExplanationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A plan's progress as a table, one row per indicator under the node path it sits on: CSV (UTF-8
 * with a byte order mark, so that Excel and WPS read Chinese right) or XLSX.
 */
@ApplicationScoped
public class ProgressExport {

    static final List<String> HEADER = List.of("节点 Node", "指标 Indicator", "名称 Name", "单位 Unit", "状态 Status",
            "Status", "期 Period", "实际 Actual", "目标 Target", "序时值 Expected", "进度 % Progress %",
            "序时进度 % Expected progress %", "差距 Gap", "预测 Forecast", "所需年增速 Required rate %",
            "每期所需 Required per period", "迟报 Late", "快报 Provisional", "说明", "Explanation", "Unit (en)",
            "情况说明轮次 Explained for round", "原因 Cause", "措施 Measures", "预计恢复 Expected recovery");

    private final Pool pool;
    private final ProgressQueries queries;
    private final ExplanationRepository explanations;

    public ProgressExport(Pool pool, ProgressQueries queries, ExplanationRepository explanations) {
        this.pool = pool;
        this.queries = queries;
        this.explanations = explanations;
    }

    public Uni<byte[]> csv(String planId, Instant asOf) {
        return rows(planId, asOf).map(ProgressExport::toCsv);
    }

    public Uni<byte[]> xlsx(String planId, Instant asOf) {
        return rows(planId, asOf).map(rows -> toXlsx(planId, rows));
    }

    /**
     * The rows, each indicator's with its English unit (from its definition as of then: the
     * progress document carries only the unit) and its department's latest explanation then.
     */
    private Uni<List<List<Object>>> rows(String planId, Instant asOf) {
        return queries.planView(planId, asOf).flatMap(view -> pool.withConnection(c -> explanations.latestOf(c,
                view.indicators().keySet(), asOf)).map(explained -> {
                    List<List<Object>> rows = new ArrayList<>();
                    walk(queries.tree(view).get("nodes"), "", rows, view, explained);
                    return rows;
                }));
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object nodes, String path, List<List<Object>> rows, PlanView view,
                             Map<String, ExplanationRepository.StoredExplanation> explained) {
        for (Object n : (List<Object>) nodes) {
            Map<String, Object> node = (Map<String, Object>) n;
            String here = path.isEmpty() ? (String) node.get("name") : path + " / " + node.get("name");
            for (Object d : (List<Object>) node.get("indicators")) {
                ProgressUpdated document = (ProgressUpdated) d;
                List<Object> row = row(here, document);
                row.add(view.indicators().get(document.indicatorId()).stored().definition().unitEn());
                ExplanationRepository.StoredExplanation e = explained.get(document.indicatorId());
                row.addAll(e == null ? Arrays.asList(null, null, null, null)
                        : List.of(e.round(), e.cause(), e.measures(), e.expectedRecovery()));
                rows.add(row);
            }
            walk(node.get("children"), here, rows, view, explained);
        }
    }

    private static List<Object> row(String path, ProgressUpdated d) {
        Status status = Status.valueOf(d.status());
        Figures f = Figures.of(d.kind(), d.unit());
        List<Object> row = new ArrayList<>();
        row.add(path);
        row.add(d.indicatorId());
        row.add(d.name());
        row.add(d.unit());
        row.add(status.zh());
        row.add(status.en());
        row.add(d.period());
        row.add(Figure.of(f, d.actual()));
        row.add(Figure.of(f, d.target()));
        row.add(Figure.of(f, d.expected()));
        row.add(Figure.of(Figures.PERCENT, d.progress() == null ? null : d.progress() * 100));
        row.add(Figure.of(Figures.PERCENT, d.expectedProgress() == null ? null : d.expectedProgress() * 100));
        row.add(gap(d, f));
        row.add(Figure.of(f, d.forecast()));
        row.add(Figure.of(Figures.PERCENT, d.requiredRate()));
        row.add(Figure.of(f, d.requiredPerPeriod()));
        row.add(d.late() ? "是" : "");
        row.add(d.provisional() ? "是" : "");
        row.add(d.explanation().zh());
        row.add(d.explanation().en());
        return row;
    }

    /**
     * The gap as the board reads it in numbers: a share of the way (LEVEL, CUMULATIVE, MILESTONE)
     * in percent of it, a rate's in percentage points, a THRESHOLD's in the unit.
     */
    private static Figure gap(ProgressUpdated d, Figures f) {
        return switch (d.kind()) {
            case "LEVEL", "CUMULATIVE", "MILESTONE" -> Figure.of(Figures.PERCENT, d.gap() == null ? null : d.gap() * 100);
            case "THRESHOLD" -> Figure.of(f, d.gap());
            default -> Figure.of(Figures.PERCENT, d.gap());
        };
    }

    /** A number of the table, rounded by the one rule; its spreadsheet cell shows it as the board would. */
    record Figure(BigDecimal value, Figures figures) {

        static Figure of(Figures figures, Double value) {
            BigDecimal rounded = figures.rounded(value);
            return rounded == null ? null : new Figure(rounded, figures);
        }

        @Override
        public String toString() {
            return value.toPlainString(); // no separators: any spreadsheet reads it as a number
        }
    }

    static byte[] toCsv(List<List<Object>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder();
        HEADER.forEach(schema::addColumn);
        CsvMapper mapper = new CsvMapper();
        try {
            String body = mapper.writer(schema.build().withHeader()).writeValueAsString(rows.stream()
                    .map(r -> r.stream().map(v -> v == null ? "" : v.toString()).toList()).toList());
            byte[] text = body.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[text.length + 3];
            out[0] = (byte) 0xEF;
            out[1] = (byte) 0xBB;
            out[2] = (byte) 0xBF;
            System.arraycopy(text, 0, out, 3, text.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a table always writes", e);
        }
    }

    static byte[] toXlsx(String planId, List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(planId);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADER.size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(HEADER.get(i));
                cell.setCellStyle(bold);
            }
            Map<String, CellStyle> formats = new HashMap<>();
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<Object> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object v = values.get(c);
                    if (v instanceof Figure figure) {
                        Cell cell = row.createCell(c);
                        cell.setCellValue(figure.value().doubleValue());
                        cell.setCellStyle(formats.computeIfAbsent(figure.figures().spreadsheetFormat(), format -> {
                            CellStyle style = workbook.createCellStyle();
                            style.setDataFormat(workbook.createDataFormat().getFormat(format));
                            return style;
                        }));
                    } else if (v != null) {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            sheet.createFreezePane(2, 1);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

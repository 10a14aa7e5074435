package io.planpulse.indicators.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Workbooks as a department's spreadsheet saves them: each row's cells as typed, dates as dates. */
final class Workbooks {

    private Workbooks() {
    }

    /**
     * An .xlsx whose first sheet holds {@code rows} from row 1: a String cell is text, a Number a
     * number, a Boolean a boolean, a LocalDate a date formatted as a month, null no cell.
     */
    static byte[] of(Object[]... rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("报表");
            CellStyle month = workbook.createCellStyle();
            month.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm"));
            for (int r = 0; r < rows.length; r++) {
                if (rows[r] == null) {
                    continue; // an empty row
                }
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object value = rows[r][c];
                    if (value instanceof String s) {
                        row.createCell(c).setCellValue(s);
                    } else if (value instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (value instanceof Boolean b) {
                        row.createCell(c).setCellValue(b);
                    } else if (value instanceof LocalDate d) {
                        row.createCell(c).setCellValue(d);
                        row.getCell(c).setCellStyle(month);
                    }
                }
            }
            workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("only the first sheet is read");
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

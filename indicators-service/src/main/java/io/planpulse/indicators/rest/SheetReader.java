package io.planpulse.indicators.rest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The first sheet of an .xlsx workbook as rows of cells, read as a stream of its XML: a service
 * with a small heap cannot hold a 5 MB workbook as POI's object model, which takes tens of times
 * its size. A cell is read as what it holds, not as it is displayed: a number in full (to the 15
 * digits a spreadsheet keeps, so that 0.1 + 0.2 reads 0.3 and a percentage format still reads
 * 0.125), a date as a date.
 */
final class SheetReader {

    /** What a spreadsheet keeps of a number: 15 significant digits. */
    private static final MathContext SPREADSHEET_DIGITS = new MathContext(15);

    /**
     * The most a part of a workbook (a sheet, its shared strings) may unpack to. The body is at most
     * 5 MB, but zipped XML unpacks up to a hundred times that before POI calls it a zip bomb, and the
     * shared strings are held whole; 10,000 rows of reports take a few MB.
     */
    static final long MAX_PART_BYTES = 32L * 1024 * 1024;

    static {
        ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
    }

    /** A cell: its text, and the date it holds where it holds one (the text is then the ISO date). */
    record Cell(String text, LocalDateTime date) {
    }

    /** A row that holds anything: its number in the sheet (from 1) and its cells by column (from 0). */
    record Row(int number, Map<Integer, Cell> cells) {
    }

    private SheetReader() {
    }

    /**
     * The rows of the first sheet that hold anything, in order.
     *
     * @throws MalformedRequestException when the body is not an .xlsx workbook
     * @throws PayloadTooLargeException  when more than {@code maxRows} rows hold anything
     */
    static List<Row> firstSheet(byte[] body, int maxRows) {
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(body))) {
            XSSFReader workbook = new XSSFReader(pkg);
            Iterator<InputStream> sheets = workbook.getSheetsData();
            if (!sheets.hasNext()) {
                throw new MalformedRequestException("the workbook has no sheet");
            }
            SheetHandler handler = new SheetHandler(new ReadOnlySharedStringsTable(pkg), workbook.getStylesTable(),
                    maxRows);
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(handler);
                parser.parse(new InputSource(sheet));
            }
            return handler.rows;
        } catch (MalformedRequestException | PayloadTooLargeException e) {
            throw e;
        } catch (Exception e) {
            // POI says "not OOXML" in several ways (an old .xls, a CSV, a damaged zip), checked and not
            throw new MalformedRequestException("not an .xlsx workbook (save it as Excel Workbook .xlsx, or send CSV): "
                    + ReportReader.firstLine(e.getMessage()));
        }
    }

    /** Column index (from 0) of a cell reference such as {@code AB12}. */
    static int column(String reference) {
        int column = 0;
        for (int i = 0; i < reference.length() && Character.isLetter(reference.charAt(i)); i++) {
            column = column * 26 + (Character.toUpperCase(reference.charAt(i)) - 'A' + 1);
        }
        return column - 1;
    }

    /** The letters of a column (from 0), as a spreadsheet names it: 0 is A, 27 is AB. */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }

    /** The SAX events of a sheet's XML ({@code <row r><c r t s><v>…</v><is><t>…</t></is></c></row>}). */
    private static final class SheetHandler extends DefaultHandler {

        private final SharedStrings strings;
        private final StylesTable styles;
        private final int maxRows;
        private final List<Row> rows = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private Map<Integer, Cell> cells;
        private int rowNumber;
        private int nextColumn;
        private int column;
        private String type;
        private String style;
        private boolean collecting;

        SheetHandler(SharedStrings strings, StylesTable styles, int maxRows) {
            this.strings = strings;
            this.styles = styles;
            this.maxRows = maxRows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                    cells = new TreeMap<>();
                    nextColumn = 0;
                }
                case "c" -> {
                    String r = attributes.getValue("r");
                    column = r == null ? nextColumn : column(r);
                    nextColumn = column + 1;
                    type = attributes.getValue("t");
                    style = attributes.getValue("s");
                    text.setLength(0);
                }
                case "v", "t" -> collecting = true;
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (collecting) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            switch (localName) {
                case "v", "t" -> collecting = false;
                case "c" -> {
                    Cell cell = cell(text.toString());
                    if (cell != null && !cell.text().isBlank()) {
                        cells.put(column, cell);
                    }
                }
                case "row" -> {
                    if (!cells.isEmpty()) {
                        if (rows.size() > maxRows) { // the header and maxRows rows below it
                            throw new PayloadTooLargeException("a batch has at most " + maxRows + " rows");
                        }
                        rows.add(new Row(rowNumber, cells));
                    }
                }
                default -> { }
            }
        }

        private Cell cell(String raw) {
            if (type == null || type.equals("n")) {
                return raw.isEmpty() ? null : number(raw);
            }
            return switch (type) {
                case "s" -> new Cell(strings.getItemAt(Integer.parseInt(raw.trim())).getString().trim(), null);
                case "b" -> new Cell("1".equals(raw.trim()) ? "true" : "false", null);
                default -> new Cell(raw.trim(), null); // inlineStr, str (a formula's text), e (an error such as #DIV/0!)
            };
        }

        private Cell number(String raw) {
            double value = Double.parseDouble(raw);
            if (style != null) {
                XSSFCellStyle s = styles.getStyleAt(Integer.parseInt(style));
                if (s != null && DateUtil.isADateFormat(s.getDataFormat(), s.getDataFormatString())
                        && DateUtil.isValidExcelDate(value)) {
                    LocalDateTime date = DateUtil.getLocalDateTime(value);
                    return new Cell(date.toLocalDate().toString(), date);
                }
            }
            return new Cell(new BigDecimal(raw).round(SPREADSHEET_DIGITS).stripTrailingZeros().toPlainString(), null);
        }
    }
}

package io.planpulse.reporting.evaluation;

import io.planpulse.reporting.domain.Figures;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackageProperties;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.openxml4j.opc.ZipPackage;

/**
 * The report as a Word document (DOCX, WordprocessingML), for the office to edit: styles it can
 * change (Title, Heading 1–3, the table's), tables whose header row repeats on each page, and each
 * trend as a native chart with its numbers, so that an edit of the chart's figures is possible.
 *
 * <p>Written as it comes, not built as an object tree: Apache POI's XWPF keeps the whole document
 * as XmlBeans objects (≈ 3 KB a table cell), which the 20,000-indicator plan's report would take
 * hundreds of megabytes for. So POI's package layer (OPC) makes the file — its parts, content types,
 * relationships and properties — with each part in a temporary file, while the body is streamed
 * into its part through a StAX writer and each chart goes into a part of its own as it comes.
 */
public final class DocxWriter implements ReportSink {

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
    private static final String A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private static final String C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    /** A4 and its margins, in twentieths of a point; the text's width between them. */
    private static final int PAGE_WIDTH = 11906;
    private static final int PAGE_HEIGHT = 16838;
    private static final int MARGIN = 1247;
    private static final int TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
    /** A chart's size, in EMU (914,400 to the inch). */
    private static final long CHART_WIDTH = 5_760_000;
    private static final long CHART_HEIGHT = 2_520_000;

    private static final String MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final String OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    static {
        // POI's switch is global: each part it makes from now on lives in a temporary file, not in the
        // heap, the XLSX export's too (a few small parts: nothing that matters to it)
        ZipPackage.setUseTempFilePackageParts(true);
    }

    private final OPCPackage pkg;
    private final PackagePart document;
    private final OutputStream bodyOut;
    private final XMLStreamWriter x;
    private final String title;
    private int charts;
    private boolean finished;
    /**
     * Whether the next paragraph starts a page: a break is a property of what follows it, not a
     * paragraph of its own, which would make an empty page where the page before ends full.
     */
    private boolean breakBefore;

    /** Opens a document that will be written into {@code out} (not closed by the writer). */
    public DocxWriter(OutputStream out, String title) throws IOException {
        this.pkg = OPCPackage.create(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller's stream stays open: it is theirs
            }
        });
        this.title = title;
        try {
            this.document = pkg.createPart(PackagingURIHelper.createPartName("/word/document.xml"), MAIN);
            pkg.addRelationship(document.getPartName(), TargetMode.INTERNAL, PackageRelationshipTypes.CORE_DOCUMENT);
            this.bodyOut = new BufferedOutputStream(document.getOutputStream(), 1 << 16);
            this.x = XMLOutputFactory.newFactory().createXMLStreamWriter(bodyOut, "UTF-8");
        } catch (InvalidFormatException | XMLStreamException e) {
            pkg.revert();
            throw new IOException("the report's package did not open", e);
        }
    }

    @Override
    public void cover(Cover cover) throws IOException {
        xml(() -> {
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("w", "document", W);
            x.writeNamespace("w", W);
            x.writeNamespace("r", R);
            x.writeNamespace("wp", WP);
            x.writeNamespace("a", A);
            x.writeNamespace("c", C);
            x.writeStartElement("w", "body", W);
            for (int i = 0; i < 6; i++) {
                paragraph("Normal", null, "", false);
            }
            paragraph("Title", "center", cover.planName(), false);
            paragraph("Subtitle", "center", cover.title(), false);
            for (int i = 0; i < 4; i++) {
                paragraph("Normal", null, "", false);
            }
            for (String line : cover.lines()) {
                paragraph("CoverLine", "center", line, false);
            }
            for (int i = 0; i < 8; i++) {
                paragraph("Normal", null, "", false);
            }
            paragraph("Note", "center", cover.footer(), false);
            breakBefore = true;
        });
    }

    @Override
    public void heading(Block.Heading h) throws IOException {
        xml(() -> paragraph("Heading" + h.level(), null, h.text(), false));
    }

    @Override
    public void paragraph(Block.Paragraph p) throws IOException {
        xml(() -> {
            x.writeStartElement("w", "p", W);
            x.writeStartElement("w", "pPr", W);
            style("pStyle", "BodyText");
            pageBreakBefore();
            x.writeEndElement();
            if (p.label() != null) {
                run(p.label(), true, false);
            }
            if (p.text() != null) {
                run(p.text(), false, false);
            }
            x.writeEndElement();
        });
    }

    @Override
    public void table(Block.Table t) throws IOException {
        xml(() -> writeTable(t));
    }

    @Override
    public void chart(Block.Chart c) throws IOException {
        xml(() -> writeChart(c));
    }

    @Override
    public void pageBreak() {
        breakBefore = true;
    }

    @Override
    public void finish() throws IOException {
        xml(() -> {
            x.writeStartElement("w", "sectPr", W);
            x.writeStartElement("w", "footerReference", W);
            x.writeAttribute("w", W, "type", "default");
            x.writeAttribute("r", R, "id", "rIdFooter");
            x.writeEndElement();
            x.writeEmptyElement("w", "pgSz", W);
            x.writeAttribute("w", W, "w", String.valueOf(PAGE_WIDTH));
            x.writeAttribute("w", W, "h", String.valueOf(PAGE_HEIGHT));
            x.writeEmptyElement("w", "pgMar", W);
            for (String side : List.of("top", "right", "bottom", "left")) {
                x.writeAttribute("w", W, side, String.valueOf(MARGIN + (side.equals("top") ? 193 : 0)));
            }
            x.writeAttribute("w", W, "header", "851");
            x.writeAttribute("w", W, "footer", "850");
            x.writeAttribute("w", W, "gutter", "0");
            x.writeEmptyElement("w", "titlePg", W); // no page number on the cover
            x.writeEndElement();
            x.writeEndElement(); // body
            x.writeEndElement(); // document
            x.writeEndDocument();
            x.close();
        });
        bodyOut.close();
        try {
            part("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
                    "styles", "rIdStyles", Styles.XML);
            part("/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
                    "footer", "rIdFooter", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr>\
                    <w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>\
                    <w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>\
                    </w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>""");
            PackageProperties properties = pkg.getPackageProperties();
            properties.setTitleProperty(title);
            properties.setCreatorProperty("planpulse");
        } catch (InvalidFormatException e) {
            throw new IOException("the report's package did not take a part", e);
        }
        pkg.close();
        finished = true;
    }

    @Override
    public void close() throws IOException {
        if (!finished) { // broken off: the package's temporary files go, nothing is written
            try {
                x.close();
            } catch (XMLStreamException e) {
                // the writer is dropped with the package either way
            }
            pkg.revert();
        }
    }

    // --- blocks --------------------------------------------------------------------------------

    private void paragraph(String style, String align, String text, boolean bold) throws XMLStreamException {
        x.writeStartElement("w", "p", W);
        x.writeStartElement("w", "pPr", W);
        style("pStyle", style);
        pageBreakBefore();
        if (align != null) {
            x.writeEmptyElement("w", "jc", W);
            x.writeAttribute("w", W, "val", align);
        }
        x.writeEndElement();
        if (!text.isEmpty()) {
            run(text, bold, false);
        }
        x.writeEndElement();
    }

    private void run(String text, boolean bold, boolean small) throws XMLStreamException {
        x.writeStartElement("w", "r", W);
        if (bold || small) {
            x.writeStartElement("w", "rPr", W);
            if (bold) {
                x.writeEmptyElement("w", "b", W);
            }
            if (small) {
                x.writeEmptyElement("w", "sz", W);
                x.writeAttribute("w", W, "val", "18");
            }
            x.writeEndElement();
        }
        String[] lines = clean(text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                x.writeEmptyElement("w", "br", W);
            }
            x.writeStartElement("w", "t", W);
            x.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "space", "preserve");
            x.writeCharacters(lines[i]);
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private void pageBreakBefore() throws XMLStreamException {
        if (breakBefore) {
            x.writeEmptyElement("w", "pageBreakBefore", W);
            x.writeAttribute("w", W, "val", "true"); // true without it too, but not to every reader
            breakBefore = false;
        }
    }

    private void writeTable(Block.Table t) throws XMLStreamException {
        x.writeStartElement("w", "tbl", W);
        x.writeStartElement("w", "tblPr", W);
        style("tblStyle", "ReportTable");
        x.writeEmptyElement("w", "tblW", W);
        x.writeAttribute("w", W, "w", String.valueOf(TEXT_WIDTH));
        x.writeAttribute("w", W, "type", "dxa");
        x.writeEmptyElement("w", "tblLayout", W);
        x.writeAttribute("w", W, "type", "fixed");
        x.writeEndElement();
        x.writeStartElement("w", "tblGrid", W);
        List<Integer> widths = t.widths().stream().map(w -> (int) Math.round(w * TEXT_WIDTH)).toList();
        for (int w : widths) {
            x.writeEmptyElement("w", "gridCol", W);
            x.writeAttribute("w", W, "w", String.valueOf(w));
        }
        x.writeEndElement();
        row(t.headers(), widths, true);
        for (List<String> r : t.rows()) {
            row(r, widths, false);
        }
        x.writeEndElement();
        for (String note : t.notes()) {
            paragraph("Note", null, note, false);
        }
    }

    private void row(List<String> cells, List<Integer> widths, boolean header) throws XMLStreamException {
        x.writeStartElement("w", "tr", W);
        x.writeStartElement("w", "trPr", W);
        x.writeEmptyElement("w", "cantSplit", W);
        if (header) {
            x.writeEmptyElement("w", "tblHeader", W); // repeated at the top of each page
        }
        x.writeEndElement();
        for (int i = 0; i < cells.size(); i++) {
            x.writeStartElement("w", "tc", W);
            x.writeStartElement("w", "tcPr", W);
            x.writeEmptyElement("w", "tcW", W);
            x.writeAttribute("w", W, "w", String.valueOf(widths.get(i)));
            x.writeAttribute("w", W, "type", "dxa");
            if (header) {
                x.writeEmptyElement("w", "shd", W);
                x.writeAttribute("w", W, "val", "clear");
                x.writeAttribute("w", W, "color", "auto");
                x.writeAttribute("w", W, "fill", "E7ECF2");
            }
            x.writeEndElement();
            x.writeStartElement("w", "p", W);
            x.writeStartElement("w", "pPr", W);
            style("pStyle", "TableText");
            x.writeEndElement();
            run(cells.get(i), header, false);
            x.writeEndElement();
            x.writeEndElement();
        }
        x.writeEndElement();
    }

    private void writeChart(Block.Chart c) throws XMLStreamException {
        int n = ++charts;
        try {
            part("/word/charts/chart" + n + ".xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
                    "chart", "rIdChart" + n, ChartXml.of(c));
        } catch (IOException | InvalidFormatException e) {
            throw new UncheckedIOException(new IOException("a chart's part did not write", e));
        }
        x.writeStartElement("w", "p", W);
        x.writeStartElement("w", "pPr", W);
        style("pStyle", "Figure");
        x.writeEndElement();
        x.writeStartElement("w", "r", W);
        x.writeStartElement("w", "drawing", W);
        x.writeStartElement("wp", "inline", WP);
        x.writeEmptyElement("wp", "extent", WP);
        x.writeAttribute("cx", String.valueOf(CHART_WIDTH));
        x.writeAttribute("cy", String.valueOf(CHART_HEIGHT));
        x.writeEmptyElement("wp", "docPr", WP);
        x.writeAttribute("id", String.valueOf(n));
        x.writeAttribute("name", "Chart " + n);
        x.writeAttribute("descr", clean(c.title()));
        x.writeStartElement("a", "graphic", A);
        x.writeStartElement("a", "graphicData", A);
        x.writeAttribute("uri", C);
        x.writeEmptyElement("c", "chart", C);
        x.writeAttribute("r", R, "id", "rIdChart" + n);
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
        paragraph("Caption", "center", c.title() + (c.unit() == null || c.unit().isBlank() ? "" : "（" + c.unit() + "）"),
                false);
    }

    private void style(String element, String id) throws XMLStreamException {
        x.writeEmptyElement("w", element, W);
        x.writeAttribute("w", W, "val", id);
    }

    // --- package parts -------------------------------------------------------------------------

    /** A part of the package with its content, related to the document by {@code id} as a {@code type}. */
    private void part(String name, String contentType, String type, String id, String content)
            throws IOException, InvalidFormatException {
        PackagePartName partName = PackagingURIHelper.createPartName(name);
        PackagePart part = pkg.createPart(partName, contentType);
        try (OutputStream o = part.getOutputStream()) {
            o.write(content.getBytes(StandardCharsets.UTF_8));
        }
        document.addRelationship(partName, TargetMode.INTERNAL, OFFICE_RELATIONSHIPS + type, id);
    }

    private interface XmlWork {
        void run() throws XMLStreamException;
    }

    private static void xml(XmlWork work) throws IOException {
        try {
            work.run();
        } catch (XMLStreamException e) {
            throw new IOException("the report's document did not write", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The text without the characters XML 1.0 cannot hold (a department's text may carry any). */
    static String clean(String text) {
        return text == null ? "" : text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
    }

    static String escape(String text) {
        return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A trend as a DrawingML line chart: the values with their labels, the target as a dashed line. */
    static final class ChartXml {

        private ChartXml() {
        }

        static String of(Block.Chart c) {
            String format = Figures.ofUnit(c.unit()).spreadsheetFormat();
            double[] axis = c.axis();
            StringBuilder out = new StringBuilder("""
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" \
                    xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
                    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                    <c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>\
                    <c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>""");
            series(out, 0, c.legendValues(), c.periods(), c.values(), "1F5FA8", false, format);
            if (c.target() != null) {
                series(out, 1, c.legendTarget(), c.periods(), c.periods().stream().map(p -> c.target()).toList(), "C0392B",
                        true, format);
            }
            out.append("<c:marker val=\"1\"/><c:axId val=\"101\"/><c:axId val=\"102\"/></c:lineChart>")
                    .append("<c:catAx><c:axId val=\"101\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>")
                    .append("<c:delete val=\"0\"/><c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>")
                    .append("<c:tickLblPos val=\"low\"/><c:crossAx val=\"102\"/><c:crosses val=\"autoZero\"/>")
                    .append("<c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/></c:catAx>")
                    .append("<c:valAx><c:axId val=\"102\"/><c:scaling><c:orientation val=\"minMax\"/><c:max val=\"")
                    .append(axis[1]).append("\"/><c:min val=\"").append(axis[0]).append("\"/></c:scaling>")
                    .append("<c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines/><c:numFmt formatCode=\"")
                    .append(format).append("\" sourceLinked=\"0\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"101\"/>")
                    .append("<c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/><c:majorUnit val=\"")
                    .append(axis[2]).append("\"/></c:valAx></c:plotArea>")
                    .append("<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>")
                    .append("<c:plotVisOnly val=\"1\"/></c:chart></c:chartSpace>");
            return out.toString();
        }

        private static void series(StringBuilder out, int index, String name, List<String> periods, List<Double> values,
                                   String colour, boolean dashed, String format) {
            out.append("<c:ser><c:idx val=\"").append(index).append("\"/><c:order val=\"").append(index).append("\"/>")
                    .append("<c:tx><c:v>").append(escape(name)).append("</c:v></c:tx>")
                    .append("<c:spPr><a:ln w=\"22225\"><a:solidFill><a:srgbClr val=\"").append(colour)
                    .append("\"/></a:solidFill>").append(dashed ? "<a:prstDash val=\"dash\"/>" : "").append("</a:ln></c:spPr>")
                    .append(dashed ? "<c:marker><c:symbol val=\"none\"/></c:marker>"
                            : "<c:marker><c:symbol val=\"circle\"/><c:size val=\"5\"/></c:marker>");
            if (!dashed) { // the reported values carry their figures, as the rule shows them
                out.append("<c:dLbls><c:numFmt formatCode=\"").append(format).append("\" sourceLinked=\"0\"/>")
                        .append("<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:dLblPos val=\"t\"/>")
                        .append("<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/>")
                        .append("<c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>");
            }
            out.append("<c:cat><c:strLit><c:ptCount val=\"").append(periods.size()).append("\"/>");
            for (int i = 0; i < periods.size(); i++) {
                out.append("<c:pt idx=\"").append(i).append("\"><c:v>").append(escape(periods.get(i))).append("</c:v></c:pt>");
            }
            out.append("</c:strLit></c:cat><c:val><c:numLit><c:formatCode>").append(format).append("</c:formatCode>")
                    .append("<c:ptCount val=\"").append(values.size()).append("\"/>");
            for (int i = 0; i < values.size(); i++) {
                out.append("<c:pt idx=\"").append(i).append("\"><c:v>").append(values.get(i)).append("</c:v></c:pt>");
            }
            out.append("</c:numLit></c:val><c:smooth val=\"0\"/></c:ser>");
        }
    }

    /**
     * The document's styles, the office's to change: 宋体 body text at 10.5 pt (五号) with a
     * two-character first-line indent, 黑体 headings that Word lists in its navigation pane, and a
     * table style with thin borders.
     */
    static final class Styles {

        static final String XML = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
                <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" \
                w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/>\
                <w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>\
                <w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="312" w:lineRule="auto"/></w:pPr></w:pPrDefault>\
                </w:docDefaults>\
                <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
                <w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/>\
                <w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/><w:jc w:val="both"/></w:pPr></w:style>\
                <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/>\
                <w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/>\
                <w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>\
                <w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/>\
                <w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="36"/>\
                <w:szCs w:val="36"/></w:rPr></w:style>\
                <w:style w:type="paragraph" w:styleId="CoverLine"><w:name w:val="Cover Line"/><w:basedOn w:val="Normal"/>\
                <w:pPr><w:jc w:val="center"/><w:spacing w:after="120"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/>\
                </w:rPr></w:style>\
                <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>\
                <w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="160"/>\
                <w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="32"/>\
                <w:szCs w:val="32"/></w:rPr></w:style>\
                <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>\
                <w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>\
                <w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体"/><w:b/><w:sz w:val="28"/>\
                <w:szCs w:val="28"/></w:rPr></w:style>\
                <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/>\
                <w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="180" w:after="60"/>\
                <w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>\
                <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>\
                <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/>\
                <w:szCs w:val="18"/></w:rPr></w:style>\
                <w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/>\
                <w:rPr><w:color w:val="555555"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>\
                <w:style w:type="paragraph" w:styleId="Figure"><w:name w:val="Figure"/><w:basedOn w:val="Normal"/>\
                <w:pPr><w:keepNext/><w:jc w:val="center"/><w:spacing w:before="120" w:after="0"/></w:pPr></w:style>\
                <w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/>\
                <w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:after="200"/></w:pPr><w:rPr><w:sz w:val="18"/>\
                <w:szCs w:val="18"/></w:rPr></w:style>\
                <w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:tblPr><w:tblBorders>\
                <w:top w:val="single" w:sz="8" w:space="0" w:color="333333"/>\
                <w:left w:val="single" w:sz="4" w:space="0" w:color="999999"/>\
                <w:bottom w:val="single" w:sz="8" w:space="0" w:color="333333"/>\
                <w:right w:val="single" w:sz="4" w:space="0" w:color="999999"/>\
                <w:insideH w:val="single" w:sz="4" w:space="0" w:color="999999"/>\
                <w:insideV w:val="single" w:sz="4" w:space="0" w:color="999999"/></w:tblBorders>\
                <w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>\
                </w:style></w:styles>""";

        private Styles() {
        }
    }
}

package io.planpulse.reporting.evaluation;

import io.planpulse.reporting.domain.Figures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/**
 * The report as a PDF, what is published: A4 pages laid out here, with WenQuanYi Micro Hei (the
 * service's own font, TrueType outlines, Chinese and Latin in one face) embedded as the subset the
 * report uses, so that it reads alike on every reader and the service needs no installed font.
 *
 * <p>Pages go to a scratch file as they are laid out (PDFBox's temp-file cache), not to the heap:
 * the 20,000-indicator plan's report runs to thousands of pages.
 */
public final class PdfWriter implements ReportSink {

    private static final String FONT = "/fonts/wqy-microhei.ttc";
    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final float LEFT = 62;
    private static final float RIGHT = WIDTH - 62;
    private static final float TOP = HEIGHT - 66;
    private static final float BOTTOM = 70;
    private static final float BODY = 10.5f;
    private static final float SMALL = 8.5f;
    private static final float CELL_PAD = 3;
    /** Marks that do not begin a line (禁则): a break goes before what they close. */
    private static final String CLOSING = "）)，。、；：！？》」』】%";

    private final OutputStream out;
    private final PDDocument doc;
    private final TrueTypeCollection faces;
    private final PDType0Font font;
    private final Map<Integer, Float> widths = new HashMap<>();
    private final PDDocumentOutline outline = new PDDocumentOutline();
    private PDOutlineItem chapter;
    private PDPageContentStream page;
    private float y;
    private int coverPages;

    /** Opens a document that will be written into {@code out} (not closed by the writer). */
    public PdfWriter(OutputStream out, String title) throws IOException {
        this.out = out;
        this.doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        try (InputStream in = PdfWriter.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("the service's font " + FONT + " is not packaged with it");
            }
            // kept open until the document is saved: the subset is cut from it then
            this.faces = new TrueTypeCollection(in);
        }
        this.font = PDType0Font.load(doc, faces.getFontByName("WenQuanYiMicroHei"), true);
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("planpulse");
        doc.getDocumentCatalog().setDocumentOutline(outline);
    }

    @Override
    public void cover(Cover cover) throws IOException {
        newPage();
        y = HEIGHT * 0.68f;
        for (String line : wrap(cover.planName(), 22, RIGHT - LEFT)) {
            centred(line, 22, true);
            y -= 34;
        }
        y -= 10;
        centred(cover.title(), 18, true);
        y = HEIGHT * 0.42f;
        for (String line : cover.lines()) {
            centred(line, 12.5f, false);
            y -= 22;
        }
        y = BOTTOM + 40;
        centred(cover.footer(), SMALL, false);
        coverPages = 1;
        newPage();
    }

    @Override
    public void pageBreak() throws IOException {
        if (y < TOP) { // a page break on a page still empty would leave it blank
            newPage();
        }
    }

    @Override
    public void finish() throws IOException {
        page.close();
        page = null;
        int total = doc.getNumberOfPages();
        for (int i = coverPages; i < total; i++) { // page numbers, now that their count is known
            try (PDPageContentStream s = new PDPageContentStream(doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND,
                    true)) {
                String number = (i - coverPages + 1) + " / " + (total - coverPages);
                text(s, number, (WIDTH - width(number, SMALL)) / 2, BOTTOM - 32, SMALL, false);
            }
        }
        doc.save(out);
    }

    @Override
    public void close() throws IOException {
        if (page != null) {
            page.close();
        }
        doc.close();
        faces.close();
    }

    // --- blocks --------------------------------------------------------------------------------

    @Override
    public void heading(Block.Heading h) throws IOException {
        float size = switch (h.level()) {
            case 1 -> 15f;
            case 2 -> 13f;
            default -> 11.5f;
        };
        float before = h.level() == 1 ? 16 : 10;
        // a heading never ends a page: it keeps the room of two lines after it
        room(before + size * 1.5f + BODY * 3.2f);
        if (y < TOP) {
            y -= before;
        }
        for (String line : wrap(h.text(), size, RIGHT - LEFT)) {
            y -= size * 1.3f;
            text(page, line, LEFT, y, size, true);
        }
        y -= size * 0.45f;
        if (h.level() <= 2) {
            PDOutlineItem item = new PDOutlineItem();
            item.setTitle(h.text());
            item.setDestination(doc.getPage(doc.getNumberOfPages() - 1));
            if (h.level() == 1 || chapter == null) {
                outline.addLast(item);
                chapter = item;
            } else {
                chapter.addLast(item);
            }
        }
    }

    @Override
    public void paragraph(Block.Paragraph p) throws IOException {
        String label = p.label() == null ? "" : p.label();
        String text = p.text() == null ? "" : p.text();
        float leading = BODY * 1.55f;
        float indent = label.isEmpty() && text.startsWith("· ") ? 0 : BODY * 2;
        List<String> lines = wrap(label + text, BODY, RIGHT - LEFT - indent, RIGHT - LEFT);
        int boldChars = label.length();
        for (int i = 0; i < lines.size(); i++) {
            room(leading);
            y -= leading;
            float x = LEFT + (i == 0 ? indent : 0);
            String line = lines.get(i);
            if (boldChars > 0) { // the label is bold, the text after it plain
                String bold = line.substring(0, Math.min(boldChars, line.length()));
                text(page, bold, x, y, BODY, true);
                x += width(bold, BODY);
                line = line.substring(bold.length());
                boldChars -= bold.length();
            }
            text(page, line, x, y, BODY, false);
        }
        y -= BODY * 0.4f;
    }

    @Override
    public void table(Block.Table t) throws IOException {
        float total = RIGHT - LEFT;
        float[] cols = new float[t.widths().size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = (float) (t.widths().get(i) * total);
        }
        Row header = row(t.headers(), cols);
        room(header.height + 2 * (SMALL * 1.3f + 2 * CELL_PAD));
        y -= 4;
        draw(header, cols, true);
        for (List<String> cells : t.rows()) {
            Row r = row(cells, cols);
            if (y - r.height < BOTTOM) { // the header again at the top of the next page
                newPage();
                draw(header, cols, true);
            }
            draw(r, cols, false);
        }
        y -= 4;
        for (String note : t.notes()) {
            for (String line : wrap(note, SMALL, total)) {
                room(SMALL * 1.5f);
                y -= SMALL * 1.5f;
                text(page, line, LEFT, y, SMALL, false);
            }
        }
        y -= 6;
    }

    private record Row(List<List<String>> lines, float height) {
    }

    private Row row(List<String> cells, float[] cols) {
        List<List<String>> lines = new ArrayList<>();
        int most = 1;
        for (int i = 0; i < cells.size(); i++) {
            List<String> wrapped = wrap(cells.get(i), SMALL, cols[i] - 2 * CELL_PAD);
            lines.add(wrapped);
            most = Math.max(most, wrapped.size());
        }
        return new Row(lines, most * SMALL * 1.3f + 2 * CELL_PAD);
    }

    private void draw(Row r, float[] cols, boolean header) throws IOException {
        float top = y;
        float x = LEFT;
        if (header) {
            page.setNonStrokingColor(0.906f, 0.925f, 0.949f);
            page.addRect(LEFT, top - r.height, RIGHT - LEFT, r.height);
            page.fill();
            page.setNonStrokingColor(0f, 0f, 0f);
        }
        page.setStrokingColor(0.6f, 0.6f, 0.6f);
        page.setLineWidth(0.5f);
        for (int i = 0; i < cols.length; i++) {
            page.addRect(x, top - r.height, cols[i], r.height);
            float ty = top - CELL_PAD;
            for (String line : r.lines().get(i)) {
                ty -= SMALL * 1.3f;
                text(page, line, x + CELL_PAD, ty + SMALL * 0.25f, SMALL, header);
            }
            x += cols[i];
        }
        page.stroke();
        y = top - r.height;
    }

    @Override
    public void chart(Block.Chart c) throws IOException {
        float height = 190;
        room(height + 30);
        Figures figures = Figures.ofUnit(c.unit());
        float plotLeft = LEFT + 58;
        float plotRight = RIGHT - 16;
        float plotTop = y - 22;
        float plotBottom = y - height + 34;
        double[] axis = c.axis();
        double lo = axis[0];
        double span = axis[1] - axis[0];
        java.util.function.DoubleUnaryOperator py = v -> plotBottom + (float) ((v - lo) / span) * (plotTop - plotBottom);
        int n = c.values().size();
        java.util.function.IntToDoubleFunction px = i -> n == 1 ? (plotLeft + plotRight) / 2
                : plotLeft + 12 + (plotRight - plotLeft - 24) * i / (double) (n - 1);
        // grid and its figures
        page.setStrokingColor(0.85f, 0.85f, 0.85f);
        page.setLineWidth(0.4f);
        int ticks = (int) Math.round(span / axis[2]);
        for (int k = 0; k <= ticks; k++) {
            double v = lo + axis[2] * k;
            float gy = (float) py.applyAsDouble(v);
            page.moveTo(plotLeft, gy);
            page.lineTo(plotRight, gy);
            String label = figures.text(v);
            text(page, label, plotLeft - 4 - width(label, 7), gy - 2.5f, 7, false);
        }
        page.stroke();
        page.setStrokingColor(0.3f, 0.3f, 0.3f);
        page.moveTo(plotLeft, plotBottom);
        page.lineTo(plotRight, plotBottom);
        page.stroke();
        if (c.target() != null) {
            float ty = (float) py.applyAsDouble(c.target());
            page.setStrokingColor(0.753f, 0.224f, 0.169f);
            page.setLineWidth(1.1f);
            page.setLineDashPattern(new float[] {4, 3}, 0);
            page.moveTo(plotLeft, ty);
            page.lineTo(plotRight, ty);
            page.stroke();
            page.setLineDashPattern(new float[] {}, 0);
            String label = c.legendTarget() + " " + c.targetLabel();
            text(page, label, plotLeft + 4, ty + 3, 7, false); // at the left: the latest value's label is at the right
        }
        page.setStrokingColor(0.122f, 0.373f, 0.659f);
        page.setLineWidth(1.4f);
        for (int i = 0; i < n; i++) {
            float x = (float) px.applyAsDouble(i);
            float vy = (float) py.applyAsDouble(c.values().get(i));
            if (i == 0) {
                page.moveTo(x, vy);
            } else {
                page.lineTo(x, vy);
            }
        }
        if (n > 1) {
            page.stroke();
        }
        int every = Math.max(1, (int) Math.ceil(n / ((plotRight - plotLeft) / 34.0)));
        for (int i = 0; i < n; i++) {
            float x = (float) px.applyAsDouble(i);
            float vy = (float) py.applyAsDouble(c.values().get(i));
            page.setNonStrokingColor(c.provisional().get(i) ? 1f : 0.122f, c.provisional().get(i) ? 1f : 0.373f,
                    c.provisional().get(i) ? 1f : 0.659f);
            page.addRect(x - 2.2f, vy - 2.2f, 4.4f, 4.4f);
            page.fillAndStroke();
            page.setNonStrokingColor(0f, 0f, 0f);
            if (i % every == 0 || i == n - 1) {
                String v = c.valueLabels().get(i);
                text(page, v, x - width(v, 7) / 2, vy + 5, 7, false);
                String p = c.periods().get(i);
                text(page, p, x - width(p, 7) / 2, plotBottom - 10, 7, false);
            }
        }
        String caption = c.title() + (c.unit() == null || c.unit().isBlank() ? "" : "（" + c.unit() + "）");
        y = plotBottom - 24;
        for (String line : wrap(caption, SMALL + 0.5f, RIGHT - LEFT)) {
            text(page, line, (WIDTH - width(line, SMALL + 0.5f)) / 2, y, SMALL + 0.5f, false);
            y -= SMALL * 1.5f;
        }
        y -= 8;
    }

    // --- pages and text ------------------------------------------------------------------------

    /** Starts a new page unless this much room is left on this one. */
    private void room(float needed) throws IOException {
        if (y - needed < BOTTOM) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage p = new PDPage(PDRectangle.A4);
        doc.addPage(p);
        page = new PDPageContentStream(doc, p);
        y = TOP;
    }

    private void centred(String line, float size, boolean bold) throws IOException {
        text(page, line, (WIDTH - width(line, size)) / 2, y, size, bold);
    }

    private void text(PDPageContentStream s, String line, float x, float ty, float size, boolean bold) throws IOException {
        if (line.isEmpty()) {
            return;
        }
        s.beginText();
        s.setFont(font, size);
        if (bold) { // one face: bold is the outline stroked as well, in the text's colour
            s.setStrokingColor(0f, 0f, 0f);
            s.setRenderingMode(RenderingMode.FILL_STROKE);
            s.setLineWidth(size / 30);
        }
        s.newLineAtOffset(x, ty);
        s.showText(line);
        if (bold) {
            s.setRenderingMode(RenderingMode.FILL);
        }
        s.endText();
    }

    private float width(String text, float size) {
        float w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            w += advance(cp);
            i += Character.charCount(cp);
        }
        return w * size / 1000;
    }

    private float advance(int codePoint) {
        return widths.computeIfAbsent(codePoint, cp -> {
            try {
                return font.getStringWidth(new String(Character.toChars(cp)));
            } catch (IOException | IllegalArgumentException e) {
                return 1000f; // a glyph the face lacks takes a full square
            }
        });
    }

    private List<String> wrap(String text, float size, float width) {
        return wrap(text, size, width, width);
    }

    /**
     * The text in lines no wider than the width (the first line's own): Chinese breaks between any
     * two characters, a word or a number (with the marks that close it) moves whole to the next
     * line, and breaks inside only where it is wider than a line.
     */
    private List<String> wrap(String text, float size, float first, float width) {
        String clean = DocxWriter.clean(text).replace('\t', ' ');
        List<String> lines = new ArrayList<>();
        for (String paragraph : clean.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float w = 0;
            int wordStart = 0; // where the run of Latin letters, digits and closing marks at the line's end began
            for (int i = 0; i < paragraph.length(); ) {
                int cp = paragraph.codePointAt(i);
                i += Character.charCount(cp);
                float a = advance(cp) * size / 1000;
                float limit = lines.isEmpty() ? first : width;
                boolean chinese = cp > 0x2E80 && CLOSING.indexOf(cp) < 0;
                if (w + a > limit && line.length() > 0 && cp != ' ') {
                    int at = chinese || wordStart <= 0 ? line.length() : wordStart;
                    String carried = line.substring(at);
                    lines.add(line.substring(0, at).stripTrailing());
                    line = new StringBuilder(carried);
                    w = width(carried, size);
                    wordStart = 0;
                }
                if (cp == ' ' && line.length() == 0 && !lines.isEmpty()) {
                    continue; // no line starts with the space it broke at
                }
                line.appendCodePoint(cp);
                w += a;
                if (chinese || cp == ' ') {
                    wordStart = line.length();
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}

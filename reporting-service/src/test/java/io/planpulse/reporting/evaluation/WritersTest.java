package io.planpulse.reporting.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

/**
 * The two writers' layout rules that a reader would only meet by chance: a page break never makes a
 * page of its own (it would be blank where the page before it ends full), and what is written reads
 * back, Chinese included. Read back with POI's XWPF and PDFBox's text stripper, readers the writers
 * do not use.
 */
class WritersTest {

    private static final ReportSink.Cover COVER = new ReportSink.Cover("测试规划", "实施情况总结评估报告",
            List.of("规划期：2021–2025"), "planpulse");

    @Test
    void aDocxPageBreakIsCarriedByTheNextParagraphNeverAParagraphOfItsOwn() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DocxWriter w = new DocxWriter(out, "测试")) {
            write(w);
        }
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(out.toByteArray()))) {
            List<XWPFParagraph> paragraphs = doc.getParagraphs();
            for (XWPFParagraph p : paragraphs) {
                boolean breaksOnly = p.getText().isEmpty() && p.getCTP().xmlText().contains("w:type=\"page\"");
                assertFalse(breaksOnly, "a paragraph that is only a page break: " + p.getCTP().xmlText());
            }
            List<XWPFParagraph> starting = paragraphs.stream().filter(XWPFParagraph::isPageBreak).toList();
            assertEquals(List.of("一、总体情况", "附录"), starting.stream().map(XWPFParagraph::getText).toList(),
                    "the cover's break and the appendix's are carried by the headings after them");
            assertTrue(doc.getTables().get(0).getRow(1).getCell(0).getText().contains("地区生产总值"));
        }
    }

    @Test
    void aPdfPageBreakOnAPageStillEmptyAddsNoPage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfWriter w = new PdfWriter(out, "测试")) {
            write(w);
        }
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            // the cover, the summary and table, the appendix: the break right after the cover adds none
            assertEquals(3, doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("一、总体情况") && text.contains("6,410.56") && text.contains("附录"), text);
        }
    }

    private static void write(ReportSink w) throws IOException {
        w.cover(COVER);
        w.pageBreak(); // right after the cover, which already ends its page
        w.add(new Block.Heading(1, "一、总体情况"));
        w.add(Block.Paragraph.of("纳入评价的 1 项指标中，未完成 1 项。"));
        w.add(new Block.Table(List.of("指标", "当前值"), List.of(0.5, 0.5), List.of(List.of("地区生产总值", "6,410.56")),
                List.of()));
        w.add(new Block.PageBreak());
        w.add(new Block.Heading(1, "附录"));
        w.finish();
    }
}

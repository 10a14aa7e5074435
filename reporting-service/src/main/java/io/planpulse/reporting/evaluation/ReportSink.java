package io.planpulse.reporting.evaluation;

import java.io.IOException;
import java.util.List;

/**
 * Where the report's content goes, one block at a time, so that no format holds the whole report
 * as objects: a writer lays each block out as it comes, into the stream it was opened on (DESIGN
 * §7, "The evaluation report").
 */
public interface ReportSink extends AutoCloseable {

    /** The cover: the plan's name, what the report is, and the lines that say of what. */
    record Cover(String planName, String title, List<String> lines, String footer) {
    }

    /** Starts the document with its cover. */
    void cover(Cover cover) throws IOException;

    /** Lays a block out, each kind by its own method. */
    default void add(Block block) throws IOException {
        if (block instanceof Block.Heading h) {
            heading(h);
        } else if (block instanceof Block.Paragraph p) {
            paragraph(p);
        } else if (block instanceof Block.Table t) {
            table(t);
        } else if (block instanceof Block.Chart c) {
            chart(c);
        } else {
            pageBreak();
        }
    }

    void heading(Block.Heading heading) throws IOException;

    void paragraph(Block.Paragraph paragraph) throws IOException;

    void table(Block.Table table) throws IOException;

    void chart(Block.Chart chart) throws IOException;

    /** The next block starts a new page. */
    void pageBreak() throws IOException;

    /** Ends the document: what is still to write goes to the stream the writer was opened on. */
    void finish() throws IOException;

    /** Frees what the writer kept on the way (its scratch files); safe after finish or instead of it. */
    @Override
    void close() throws IOException;
}

package io.planpulse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the evaluation report as its readers will, with programs other than its writer: Poppler's
 * {@code pdftotext} and {@code pdffonts} for a PDF, LibreOffice (headless) to open a DOCX and print
 * it to PDF. Both come with {@code ./planpulse setup}.
 */
public final class Readers {

    private static final Path WORK = work();

    private Readers() {
    }

    /** The PDF's text, page by page, each page's lines as laid out. */
    public static List<String> pdfPages(byte[] pdf) {
        Path file = write(pdf, ".pdf");
        String text = run(List.of("pdftotext", "-layout", "-enc", "UTF-8", file.toString(), "-"), 60);
        List<String> pages = new ArrayList<>(List.of(text.split("\f", -1)));
        if (!pages.isEmpty() && pages.get(pages.size() - 1).isBlank()) {
            pages.remove(pages.size() - 1); // what follows the last page's form feed
        }
        return pages;
    }

    /** What {@code pdffonts} says of the PDF's fonts: name, type, encoding, embedded, subset… */
    public static String pdfFonts(byte[] pdf) {
        return run(List.of("pdffonts", write(pdf, ".pdf").toString()), 60);
    }

    /** The DOCX as LibreOffice opens it, printed to PDF. */
    public static byte[] docxToPdf(byte[] docx) {
        Path file = write(docx, ".docx");
        Path out = WORK.resolve("converted-" + System.nanoTime());
        run(List.of("soffice", "-env:UserInstallation=" + WORK.resolve("libreoffice-profile").toUri(), "--headless",
                "--convert-to", "pdf", "--outdir", out.toString(), file.toString()), 180);
        String name = file.getFileName().toString().replace(".docx", ".pdf");
        try {
            return Files.readAllBytes(out.resolve(name));
        } catch (IOException e) {
            throw new AssertionError("LibreOffice wrote no PDF of the DOCX (" + e.getMessage() + ")");
        }
    }

    private static Path write(byte[] bytes, String suffix) {
        try {
            return Files.write(Files.createTempFile(WORK, "report-", suffix), bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command, int seconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(command.get(0) + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is not installed (./planpulse setup installs it): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path work() {
        try {
            Path dir = Path.of("target", "evaluation-reports");
            Files.createDirectories(dir);
            return dir.toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.losslab.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Tables as files: CSV through Jackson's CSV module (RFC 4180 quoting: a field with a comma, a quote or a line break
 * is quoted, its quotes doubled), and Markdown tables with their cells escaped ({@code |} and line breaks).
 */
public final class Tables {

    // strict: quote a field only when it needs it (a separator, a quote, a line break), not on Jackson's loose guess
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private Tables() {
    }

    /**
     * @param header the column names
     * @param rows   the rows, each as long as the header
     * @return the CSV text: the header line, then one line per row, each ending with a newline
     */
    public static String csv(List<String> header, List<List<String>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
        header.forEach(schema::addColumn);
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row of " + row.size() + " cells for " + header.size()
                        + " columns: " + row);
            }
        }
        try {
            return CSV.writer(schema.build()).writeValueAsString(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads CSV text back: the inverse of {@link #csv} (quoted fields unquoted).
     *
     * @param text the CSV text
     * @return its lines, the header first, as lists of cells
     */
    public static List<List<String>> readCsv(String text) {
        try (MappingIterator<List<String>> lines = CSV.readerForListOf(String.class)
                .with(CsvSchema.emptySchema()).readValues(text)) {
            return lines.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param header the column names
     * @param rows   the rows
     * @return a Markdown table, every cell escaped
     */
    public static String markdown(List<String> header, List<List<String>> rows) {
        StringBuilder md = new StringBuilder(markdownRow(header));
        md.append('|').append(" --- |".repeat(header.size())).append('\n');
        rows.forEach(row -> md.append(markdownRow(row)));
        return md.toString();
    }

    /**
     * @param cell a cell's text
     * @return the text safe inside a Markdown table cell: {@code |} and backslashes escaped, line breaks as spaces
     */
    public static String markdownCell(String cell) {
        return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ')
                .replace('\r', ' ');
    }

    private static String markdownRow(List<String> cells) {
        StringBuilder row = new StringBuilder("|");
        for (String cell : cells) {
            row.append(' ').append(markdownCell(cell)).append(" |");
        }
        return row.append('\n').toString();
    }
}

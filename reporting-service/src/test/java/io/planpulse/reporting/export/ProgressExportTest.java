package io.planpulse.reporting.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressExportTest {

    @Test
    void csvHasAByteOrderMarkAHeaderAndOneLinePerRowWithQuotesWhereNeeded() {
        List<Object> row = new ArrayList<>(Arrays.asList("经济 / 自贸区", "X", "名称，含逗号", "亿元", "序时推进", "On track",
                "2021", 1.5, null));
        while (row.size() < ProgressExport.HEADER.size()) {
            row.add("");
        }
        byte[] csv = ProgressExport.toCsv(List.of(row, row));
        assertEquals(0xEF, csv[0] & 0xFF);
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertEquals("\"经济 / 自贸区\",X,名称，含逗号,亿元,序时推进,\"On track\",2021,1.5" + ",".repeat(ProgressExport.HEADER.size() - 8),
                lines[1]);
    }
}

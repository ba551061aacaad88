package org.losslab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {

    private static final List<String> HEADER = List.of("candidate", "reason", "eta");
    private static final List<List<String>> ROWS = List.of(
            List.of("#1", "pruned after epoch 3: \"best\" 92.03%, not among the best 1 of 5", "0.7797491348741751"),
            List.of("#2", "a | b, and a line\nbreak", "3"),
            List.of("#3", "", "0.5"));

    @Test
    void csvQuotesWhatNeedsItAndReadsBackTheSameCells() {
        String csv = Tables.csv(HEADER, ROWS);
        // quoted only where needed (a comma, a quote, a line break), quotes doubled inside
        assertThat(csv).startsWith("candidate,reason,eta\n#1,\"pruned after epoch 3: \"\"best\"\" 92.03%, not among")
                .contains("\n#3,,0.5\n");
        List<List<String>> back = Tables.readCsv(csv);
        assertThat(back.get(0)).isEqualTo(HEADER);
        assertThat(back.subList(1, back.size())).isEqualTo(ROWS);
        assertThatThrownBy(() -> Tables.csv(HEADER, List.of(List.of("only one")))).hasMessageContaining("1 cells");
    }

    @Test
    void markdownCellsCannotBreakTheTable() {
        String md = Tables.markdown(HEADER, ROWS);
        List<String> lines = md.lines().toList();
        assertThat(lines).hasSize(2 + ROWS.size());
        assertThat(lines.get(1)).isEqualTo("| --- | --- | --- |");
        assertThat(lines.get(3)).isEqualTo("| #2 | a \\| b, and a line break | 3 |");
        // every row has as many unescaped separators as the header
        for (String line : lines) {
            assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count()).as(line).isEqualTo(4);
        }
    }

    @Test
    void readableNumbersKeepFourSignificantDigits() {
        assertThat(Numbers.readable(0.7797491348741751)).isEqualTo("0.7797");
        assertThat(Numbers.readable(3.0)).isEqualTo("3");
        assertThat(Numbers.readable(0.005)).isEqualTo("0.005");
        assertThat(Numbers.readable(0.15)).isEqualTo("0.15");
        assertThat(Numbers.readable(0)).isEqualTo("0");
        assertThat(Numbers.count(1, "epoch")).isEqualTo("1 epoch");
        assertThat(Numbers.count(10_000, "image")).isEqualTo("10,000 images");
    }
}

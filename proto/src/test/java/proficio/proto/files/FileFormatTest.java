package proficio.proto.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFormatTest {

    @TempDir
    Path dir;

    @Test
    void guessesFromTheHeaderBeforeTheExtension() {
        assertThat(FileFormat.guess("preprocessed_data_train.csv", "user_id\titem_id\ttimestamp\tcorrect\tskill_id"))
                .isEqualTo(FileFormat.GERVET_TSV);
        assertThat(FileFormat.guess("log_problem.csv", "user_id,exercise,problem_type,time_done,correct"))
                .isEqualTo(FileFormat.JUNYI_CSV);
        assertThat(FileFormat.guess("x.txt", "{\"studentId\":\"s\"}")).isEqualTo(FileFormat.JSONL);
    }

    @Test
    void fallsBackToTheExtension() {
        assertThat(FileFormat.guess("a.jsonl", null)).isEqualTo(FileFormat.JSONL);
        assertThat(FileFormat.guess("a.tsv", "")).isEqualTo(FileFormat.GERVET_TSV);
        assertThat(FileFormat.guess("a.csv", "a,b,c")).isNull();
    }

    @Test
    void parsesTheCommandLineNames() {
        assertThat(FileFormat.parse("gervet-tsv")).isEqualTo(FileFormat.GERVET_TSV);
        assertThat(FileFormat.parse("junyi-csv")).isEqualTo(FileFormat.JUNYI_CSV);
        assertThat(FileFormat.parse("JSONL")).isEqualTo(FileFormat.JSONL);
        assertThatThrownBy(() -> FileFormat.parse("xml")).hasMessageContaining("gervet-tsv, junyi-csv, jsonl");
    }

    @Test
    void openingAFileOfUnknownFormatSaysToGiveFormat() throws Exception {
        Path f = Files.writeString(dir.resolve("what.csv"), "a,b,c\n1,2,3\n");

        assertThatThrownBy(() -> ProblemLogReader.open(f, null, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("what.csv")
                .hasMessageContaining("--format");
    }
}

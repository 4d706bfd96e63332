package proficio.proto.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;

class GervetTsvReaderTest {

    static final String HEADER = "user_id\titem_id\ttimestamp\tcorrect\tskill_id\n";

    @TempDir
    Path dir;

    static List<ProblemLog> readAll(Path file, FileFormat format, String prefix) throws Exception {
        List<ProblemLog> out = new ArrayList<>();
        try (ProblemLogReader r = ProblemLogReader.open(file, format, prefix)) {
            ProblemLog log;
            while ((log = r.next()) != null) {
                out.add(log);
            }
        }
        return out;
    }

    @Test
    void mapsUserToStudentSkillToExerciseItemToProblemTypeAndCorrectOneZero() throws Exception {
        Path f = Files.writeString(dir.resolve("answers.csv"), HEADER + "5\t1619\t0\t0\t41\n5\t1616\t0\t1\t41\n");

        List<ProblemLog> logs = readAll(f, FileFormat.GERVET_TSV, "a09-");

        assertThat(logs).hasSize(2);
        ProblemLog first = logs.get(0);
        assertThat(first.studentId()).isEqualTo("a09-5");
        assertThat(first.exercise()).isEqualTo("41");
        assertThat(first.problemType()).isEqualTo("1619");
        assertThat(first.correct()).isFalse();
        assertThat(first.cardType()).isEqualTo(CardType.PRACTICE);
        assertThat(logs.get(1).correct()).isTrue();
        assertThat(logs.get(1).problemType()).isEqualTo("1616");
    }

    @Test
    void eventIdsAreFileNameAndLineNumberSoRereadingGivesTheSameIds() throws Exception {
        Path f = Files.writeString(dir.resolve("train.csv"), HEADER + "0\t1\t0\t1\t7\n\n0\t2\t0\t0\t7\n");

        List<ProblemLog> once = readAll(f, FileFormat.GERVET_TSV, "");
        List<ProblemLog> twice = readAll(f, FileFormat.GERVET_TSV, "");

        assertThat(once).extracting(ProblemLog::eventId).containsExactly("train.csv:2", "train.csv:4");
        assertThat(twice).extracting(ProblemLog::eventId).isEqualTo(once.stream().map(ProblemLog::eventId).toList());
    }

    @Test
    void zeroTimestampBecomesBaseInstantPlusOneSecondPerRecordInFileOrder() throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), HEADER + "0\t1\t0\t1\t7\n\n1\t2\t0\t0\t8\n2\t3\t0\t1\t9\n");

        List<ProblemLog> logs = readAll(f, FileFormat.GERVET_TSV, "");

        long base = Instant.parse("2009-09-01T00:00:00Z").toEpochMilli();
        assertThat(logs).extracting(ProblemLog::timeDoneMs).containsExactly(base, base + 1000, base + 2000);
    }

    @Test
    void nonZeroTimestampIsReadAsUnixSeconds() throws Exception {
        Path f = Files.writeString(dir.resolve("t.tsv"), HEADER + "0\t1\t1700000000\t1\t7\n");

        assertThat(readAll(f, FileFormat.GERVET_TSV, "").get(0).timeDoneMs()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void malformedCorrectValueIsReportedWithFileAndLineAfterTheGoodLinesBeforeIt() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), HEADER + "0\t1\t0\t1\t7\n0\t2\t0\tyes\t7\n0\t3\t0\t1\t7\n");

        try (ProblemLogReader r = ProblemLogReader.open(f, FileFormat.GERVET_TSV, "")) {
            assertThat(r.next()).isNotNull();
            assertThatThrownBy(r::next)
                    .isInstanceOf(MalformedRecordException.class)
                    .hasMessageContaining("bad.csv")
                    .hasMessageContaining("line 3")
                    .hasMessageContaining("correct must be 1 or 0, was 'yes'")
                    .satisfies(e -> assertThat(((MalformedRecordException) e).line()).isEqualTo(3));
        }
    }

    @Test
    void wrongNumberOfFieldsIsMalformed() throws Exception {
        Path f = Files.writeString(dir.resolve("short.csv"), HEADER + "0\t1\t0\t1\n");

        assertThatThrownBy(() -> readAll(f, FileFormat.GERVET_TSV, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("expected 5 tab-separated fields");
    }

    @Test
    void blankUserIdFailsTheServiceValidationRulesHere() throws Exception {
        Path f = Files.writeString(dir.resolve("blank.csv"), HEADER + " \t1\t0\t1\t7\n");

        assertThatThrownBy(() -> readAll(f, FileFormat.GERVET_TSV, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("student_id");
    }

    @Test
    void withoutValidation_aRecordFailingTheRulesIsReturnedForTheCallerToCountWithItsLine() throws Exception {
        Path f = Files.writeString(dir.resolve("blank.csv"), HEADER + "0\t1\t0\t1\t7\n \t1\t0\t1\t7\n");

        try (ProblemLogReader r = ProblemLogReader.open(f, FileFormat.GERVET_TSV, "", false)) {
            assertThat(r.next().studentId()).isEqualTo("0");
            assertThat(r.next().studentId()).isBlank();
            assertThat(r.lineNumber()).isEqualTo(3);
            assertThat(r.file()).isEqualTo(f);
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void withoutValidation_aLineThatDoesNotParseIsStillMalformed() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), HEADER + "0\t1\t0\t2\t7\n");

        try (ProblemLogReader r = ProblemLogReader.open(f, FileFormat.GERVET_TSV, "", false)) {
            assertThatThrownBy(r::next).isInstanceOf(MalformedRecordException.class).hasMessageContaining("line 2");
        }
    }

    @Test
    void headerWithoutSkillIdIsMalformedAtLineOne() throws Exception {
        Path f = Files.writeString(dir.resolve("nohdr.csv"), "user_id\titem_id\ttimestamp\tcorrect\n0\t1\t0\t1\n");

        assertThatThrownBy(() -> readAll(f, FileFormat.GERVET_TSV, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("skill_id");
    }
}

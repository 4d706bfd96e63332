package proficio.proto.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static proficio.proto.files.GervetTsvReaderTest.readAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.ProblemLog;

class JunyiCsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void mapsColumnsByNameInAnyOrderAndIgnoresOthers() throws Exception {
        Path f = Files.writeString(dir.resolve("log_problem.csv"), String.join("\n",
                "exercise,user_id,problem_type,problem_number,time_done,time_taken,time_taken_attempts,correct,"
                        + "count_attempts,hint_used,count_hints,hint_time_taken_list",
                "addition_1,u7,type-a,3,1350000000123456,12,\"5,7\",True,1,False,0,[]",
                "subtraction_2,u7,,1,1350000060000000,4.5,4,false,2,True,2,\"[1, 2]\"",
                ""));

        List<ProblemLog> logs = readAll(f, FileFormat.JUNYI_CSV, "j-");

        assertThat(logs).hasSize(2);
        ProblemLog a = logs.get(0);
        assertThat(a.eventId()).isEqualTo("log_problem.csv:2");
        assertThat(a.studentId()).isEqualTo("j-u7");
        assertThat(a.exercise()).isEqualTo("addition_1");
        assertThat(a.problemType()).isEqualTo("type-a");
        assertThat(a.problemNumber()).isEqualTo(3);
        assertThat(a.timeDoneMs()).isEqualTo(1_350_000_000_123L); // microseconds -> ms
        assertThat(a.timeTakenMs()).isEqualTo(12_000L);           // seconds -> ms
        assertThat(a.correct()).isTrue();
        assertThat(a.attemptCount()).isEqualTo(1);
        assertThat(a.hintCount()).isZero();
        ProblemLog b = logs.get(1);
        assertThat(b.eventId()).isEqualTo("log_problem.csv:3");
        assertThat(b.problemType()).isEmpty();
        assertThat(b.correct()).isFalse();
        assertThat(b.timeTakenMs()).isEqualTo(4_500L);
        assertThat(b.hintCount()).isEqualTo(2);
        assertThat(b.attemptCount()).isEqualTo(2);
    }

    @Test
    void onlyTheRequiredColumnsAreNeeded() throws Exception {
        Path f = Files.writeString(dir.resolve("min.csv"), "user_id,exercise,time_done,correct\ns,e,2000000,1\n");

        ProblemLog log = readAll(f, FileFormat.JUNYI_CSV, "").get(0);

        assertThat(log.timeDoneMs()).isEqualTo(2_000L);
        assertThat(log.correct()).isTrue();
        assertThat(log.problemNumber()).isZero();
    }

    @Test
    void missingRequiredColumnIsMalformedAtLineOne() throws Exception {
        Path f = Files.writeString(dir.resolve("h.csv"), "user_id,exercise,correct\ns,e,true\n");

        assertThatThrownBy(() -> readAll(f, FileFormat.JUNYI_CSV, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("h.csv, line 1")
                .hasMessageContaining("time_done");
    }

    @Test
    void nonNumericTimeDoneIsReportedWithFileLineAndColumn() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"),
                "user_id,exercise,time_done,correct\ns,e,1000000,true\ns,e,yesterday,true\n");

        assertThatThrownBy(() -> readAll(f, FileFormat.JUNYI_CSV, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("bad.csv, line 3")
                .hasMessageContaining("time_done must be an integer, was 'yesterday'");
    }

    @Test
    void correctMustBeTrueOrFalse() throws Exception {
        Path f = Files.writeString(dir.resolve("c.csv"), "user_id,exercise,time_done,correct\ns,e,1000000,maybe\n");

        assertThatThrownBy(() -> readAll(f, FileFormat.JUNYI_CSV, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("correct must be true or false");
    }

    @Test
    void zeroTimeDoneIsRejectedAsTheServiceWould() throws Exception {
        Path f = Files.writeString(dir.resolve("z.csv"), "user_id,exercise,time_done,correct\ns,e,0,true\n");

        assertThatThrownBy(() -> readAll(f, FileFormat.JUNYI_CSV, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("time_done");
    }
}

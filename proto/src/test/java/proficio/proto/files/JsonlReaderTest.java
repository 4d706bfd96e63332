package proficio.proto.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static proficio.proto.files.GervetTsvReaderTest.readAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proficio.model.event.CardType;
import proficio.model.event.ProblemLog;

class JsonlReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsProtobufJsonInEitherFieldNamingAndKeepsGivenEventIds() throws Exception {
        Path f = Files.writeString(dir.resolve("answers.jsonl"), String.join("\n",
                "{\"eventId\":\"e1\",\"studentId\":\"s1\",\"exercise\":\"addition_1\",\"problemType\":\"t\","
                        + "\"correct\":true,\"timeDone\":\"2024-05-01T10:15:30.250Z\",\"timeTakenMs\":\"4200\","
                        + "\"hintCount\":0,\"attemptCount\":1,\"cardType\":\"CARD_TYPE_MASTERY\",\"taskId\":\"task9\"}",
                "",
                "{\"student_id\":\"s1\",\"exercise\":\"addition_1\",\"time_done\":\"2024-05-01T10:16:00Z\"}",
                ""));

        List<ProblemLog> logs = readAll(f, null, "p-");

        assertThat(logs).hasSize(2);
        ProblemLog a = logs.get(0);
        assertThat(a.eventId()).isEqualTo("e1");
        assertThat(a.studentId()).isEqualTo("p-s1");
        assertThat(a.exercise()).isEqualTo("addition_1");
        assertThat(a.problemType()).isEqualTo("t");
        assertThat(a.correct()).isTrue();
        assertThat(a.timeDoneMs()).isEqualTo(Instant.parse("2024-05-01T10:15:30.250Z").toEpochMilli());
        assertThat(a.timeTakenMs()).isEqualTo(4200);
        assertThat(a.cardType()).isEqualTo(CardType.MASTERY);
        assertThat(a.taskId()).isEqualTo("task9");
        ProblemLog b = logs.get(1);
        assertThat(b.eventId()).isEqualTo("answers.jsonl:3"); // none given: file name and line number
        assertThat(b.correct()).isFalse();
        assertThat(b.cardType()).isEqualTo(CardType.PRACTICE);
    }

    @Test
    void unknownFieldIsMalformed() throws Exception {
        Path f = Files.writeString(dir.resolve("u.jsonl"),
                "{\"studentId\":\"s\",\"exercise\":\"e\",\"timeDone\":\"2024-01-01T00:00:00Z\"}\n"
                        + "{\"studentId\":\"s\",\"exercise\":\"e\",\"timeDone\":\"2024-01-01T00:00:00Z\",\"colour\":\"red\"}\n");

        assertThatThrownBy(() -> readAll(f, FileFormat.JSONL, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("u.jsonl, line 2")
                .hasMessageContaining("colour");
    }

    @Test
    void brokenJsonIsMalformed() throws Exception {
        Path f = Files.writeString(dir.resolve("b.jsonl"), "{\"studentId\": \"s\", \n");

        assertThatThrownBy(() -> readAll(f, FileFormat.JSONL, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("b.jsonl, line 1")
                .hasMessageContaining("not a ProblemLog in protobuf JSON");
    }

    @Test
    void missingExerciseFailsValidation() throws Exception {
        Path f = Files.writeString(dir.resolve("m.jsonl"), "{\"studentId\":\"s\",\"timeDone\":\"2024-01-01T00:00:00Z\"}\n");

        assertThatThrownBy(() -> readAll(f, FileFormat.JSONL, ""))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("exercise: missing or blank");
    }
}
